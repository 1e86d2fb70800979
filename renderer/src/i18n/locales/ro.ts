import type { Catalogue } from '../catalogue';
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

/** Română: textele casei de marcat. Pluralul are trei forme: one, few („2 vânzări”), other („20 de vânzări”). */
export const ro: Catalogue = {
  app: app.ro,
  checkout: checkout.ro,
  basket: basket.ro,
  scan: scan.ro,
  tender: tender.ro,
  sync: sync.ro,
  devices: devices.ro,
  pairing: pairing.ro,
  members: members.ro,
  enrol: enrol.ro,
  receipt: receipt.ro,
  loyalty: loyalty.ro,
  spend: spend.ro,
  manager: manager.ro,
  returns: returns.ro,
  backoffice: backoffice.ro,
  managerMode: managerMode.ro,
  shift: shift.ro,
};
