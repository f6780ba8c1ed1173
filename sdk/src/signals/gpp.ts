import type { Choices } from '@coreitsm/protocol';
import { CmpApi, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';

/**
 * IAB GPP `__gpp` with the US National (`usnat`, section 7) section, via IAB's own library.
 * Built into its own file and loaded only in US jurisdictions. Values: 1 = opted out / notice
 * given, 2 = did not opt out / not given (the usnat field convention).
 */
// We have no IAB-assigned CMP id; 0 is what unregistered CMPs report.
const CMP_ID = 0;
const CMP_VERSION = 1;

let api: CmpApi | undefined;

export function updateGpp(choices: Choices, gpc: boolean): void {
  api ??= new CmpApi(CMP_ID, CMP_VERSION);
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
