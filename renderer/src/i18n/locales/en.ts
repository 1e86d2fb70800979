/**
 * The till's English text: the source catalogue. Its keys type `t()` (i18next.d.ts); nl and ro
 * must have every key (test/unit/renderer/i18n), with the plural forms their language needs. Each
 * namespace lives in ../text/<namespace>.ts with its three languages side by side.
 */
import * as app from '../text/app';
import * as checkout from '../text/checkout';
import * as basket from '../text/basket';
import * as scan from '../text/scan';
import * as tender from '../text/tender';
import * as sync from '../text/sync';
import * as devices from '../text/devices';
import * as pairing from '../text/pairing';
import * as members from '../text/members';
import * as enrol from '../text/enrol';
import * as receipt from '../text/receipt';
import * as loyalty from '../text/loyalty';
import * as spend from '../text/spend';
import * as manager from '../text/manager';
import * as returns from '../text/returns';
import * as backoffice from '../text/backoffice';
import * as managerMode from '../text/managerMode';
import * as shift from '../text/shift';

export const en = {
  app: app.en,
  checkout: checkout.en,
  basket: basket.en,
  scan: scan.en,
  tender: tender.en,
  sync: sync.en,
  devices: devices.en,
  pairing: pairing.en,
  members: members.en,
  enrol: enrol.en,
  receipt: receipt.en,
  loyalty: loyalty.en,
  spend: spend.en,
  manager: manager.en,
  returns: returns.en,
  backoffice: backoffice.en,
  managerMode: managerMode.en,
  shift: shift.en,
};
