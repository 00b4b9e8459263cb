import 'i18next';
import type { AidMessages } from './aid.zh-CN';
import type { ArchiveReportMessages } from './archiveReport.zh-CN';
import type { DisbursementMessages } from './disbursements.zh-CN';
import type { PublicityMessages } from './publicity.zh-CN';
import type { Messages } from './zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    /** `aid`: the aid-program pages, a namespace of their own to keep each key union small. */
    resources: {
      translation: Messages;
      aid: AidMessages;
      publicity: PublicityMessages;
      disbursements: DisbursementMessages;
      archiveReport: ArchiveReportMessages;
    };
  }
}
