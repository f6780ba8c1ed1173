import type { Choices } from '@coreitsm/protocol';
import { CmpApi, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';

/**
 * IAB GPP `__gpp` with the US National (`usnat`, section 7) section, via IAB's own library.
 * Built into its own file and loaded only in US jurisdictions. Values: 1 = opted out / notice
 * given, 2 = did not opt out / not given (the usnat field convention).
 */
// The CMP id comes from `data-gpp-cmp-id` (IAB-assigned); 0, the default, is what unregistered CMPs report.
const CMP_VERSION = 1;

let api: CmpApi | undefined;

export function updateGpp(choices: Choices, gpc: boolean, cmpId: number): void {
  if (!api) {
    api = new CmpApi(cmpId, CMP_VERSION);
    // CMP API 1.1: `ping` lists the sections this CMP supports as "ID:name"; the library starts empty.
    api.setSupportedAPIs(['7:usnat']);
  }
  const optOut = (value: string | undefined) => (value === 'denied' ? 1 : 2);
  const sale = optOut(choices.sale_sharing);
  api.setApplicableSections([7]);
  api.setFieldValue('usnat', 'SharingNotice', 1);
  api.setFieldValue('usnat', 'SaleOptOutNotice', 1);
  api.setFieldValue('usnat', 'SharingOptOutNotice', 1);
  api.setFieldValue('usnat', 'TargetedAdvertisingOptOutNotice', 1);
  api.setFieldValue('usnat', 'SensitiveDataLimitUseNotice', 1);
  api.setFieldValue('usnat', 'SaleOptOut', sale);
  api.setFieldValue('usnat', 'SharingOptOut', sale);
  api.setFieldValue(
    'usnat',
    'TargetedAdvertisingOptOut',
    choices.marketing === 'denied' || sale === 1 ? 1 : 2,
  );
  api.setFieldValue('usnat', 'GpcSegmentIncluded', true);
  api.setFieldValue('usnat', 'Gpc', gpc);
  api.setSignalStatus(SignalStatus.READY);
  api.setCmpStatus(CmpStatus.LOADED);
  api.fireSectionChange('usnat');
}
