/** Builds the web app once before the browser tests; every test file then serves dist/client. */
import { buildClient } from '../helpers/build-client.ts';

export default function setup(): void {
  buildClient();
}
