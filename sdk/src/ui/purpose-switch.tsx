import type { Purpose } from '@coreitsm/protocol';
import type { Strings } from '../i18n/strings.js';

interface PurposeSwitchProps {
  purpose: Purpose;
  strings: Strings;
  checked: boolean;
  onChange: (purpose: Purpose, on: boolean) => void;
}

/** A labelled switch (`role="switch"` checkbox) with its description; `necessary` is locked on. */
export function PurposeSwitch({ purpose, strings, checked, onChange }: PurposeSwitchProps) {
  const text = strings.purposes[purpose];
  const id = `cc-p-${purpose}`;
  const locked = purpose === 'necessary';
  return (
    <div class="purpose">
      <label for={id}>
        <span>
          {text.name}
          {locked && <span class="small"> ({strings.alwaysOn})</span>}
        </span>
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-checked={locked || checked}
          data-purpose={purpose}
          checked={locked || checked}
          disabled={locked}
          aria-describedby={`${id}-d`}
          onChange={(e) => onChange(purpose, (e.currentTarget as HTMLInputElement).checked)}
        />
      </label>
      <p id={`${id}-d`}>{text.description}</p>
    </div>
  );
}
