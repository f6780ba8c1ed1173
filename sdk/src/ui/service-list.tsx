import type { Service } from '@coreitsm/protocol';
import type { Strings } from '../i18n/strings.js';

interface ServiceListProps {
  services: readonly Service[];
  strings: Strings;
}

/**
 * A purpose's services (site configuration `services`), each a disclosure (`<details>`: keyboard
 * and screen-reader operable by itself, no hover) with its provider, privacy link and a table of
 * its cookies — what a person needs to know before allowing the purpose.
 */
export function ServiceList({ services, strings }: ServiceListProps) {
  if (services.length === 0) return null;
  return (
    <ul class="services">
      {services.map((service) => (
        <li key={service.id} data-service={service.id}>
          <details>
            <summary>
              {service.name}
              {service.provider && <span class="small"> · {service.provider}</span>}
            </summary>
            {service.privacyUrl && (
              <p class="small">
                <a href={service.privacyUrl} target="_blank" rel="noopener noreferrer">
                  {strings.policy} ({service.name})
                </a>
              </p>
            )}
            {service.cookies && service.cookies.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{strings.cookie}</th>
                    <th scope="col">{strings.duration}</th>
                    <th scope="col">{strings.whatFor}</th>
                  </tr>
                </thead>
                <tbody>
                  {service.cookies.map((cookie) => (
                    <tr key={cookie.name} data-cookie={cookie.name}>
                      <th scope="row">
                        <code>{cookie.name}</code>
                      </th>
                      <td>{cookie.duration ?? '—'}</td>
                      <td>{cookie.description ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}
