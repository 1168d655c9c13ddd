/**
 * The HTTP fuzz requests the app's own pages too, which answer 503 until the web app is built:
 * build it when it is missing (`npm run test:fuzz` on a fresh checkout). In `npm test` the
 * browser tests' set-up builds it as well.
 */
import { buildClient, clientBuilt } from '../helpers/build-client.ts';

export default function setup(): void {
  if (!clientBuilt()) buildClient();
}
