import { startTestServer } from './server';

/** Starts the production server for the browser suite; tests read its URL from LATCHKEY_E2E_BASE_URL. */
export default async function globalSetup() {
  const server = await startTestServer();
  process.env.LATCHKEY_E2E_BASE_URL = server.baseUrl;
  process.env.LATCHKEY_E2E_DATA_DIR = server.dataDir;
  return async () => {
    await server.stop();
  };
}
