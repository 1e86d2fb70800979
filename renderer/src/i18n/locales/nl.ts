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

/** Nederlands: de tekst van de kassa. */
export const nl: Catalogue = {
  app: app.nl,
  checkout: checkout.nl,
  basket: basket.nl,
  scan: scan.nl,
  tender: tender.nl,
  sync: sync.nl,
  devices: devices.nl,
  pairing: pairing.nl,
  members: members.nl,
  enrol: enrol.nl,
  receipt: receipt.nl,
  loyalty: loyalty.nl,
  spend: spend.nl,
  manager: manager.nl,
  returns: returns.nl,
  backoffice: backoffice.nl,
  managerMode: managerMode.nl,
  shift: shift.nl,
};
