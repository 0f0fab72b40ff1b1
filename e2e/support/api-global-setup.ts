import type { TestProject } from 'vitest/node';
import { createPostgresDatabase, startTestServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    databaseUrl: string;
  }
}

/** Starts one production server for the API suite, on SQLite or (LATCHKEY_TEST_DB=postgresql) PostgreSQL. */
export default async function setup(project: TestProject) {
  const onPostgres = process.env.LATCHKEY_TEST_DB === 'postgresql';
  const database = onPostgres ? await createPostgresDatabase('latchkey_api') : undefined;
  const server = await startTestServer({ databaseUrl: database?.url });
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', server.dataDir);
  project.provide('databaseUrl', server.databaseUrl);
  return async () => {
    await server.stop();
    await database?.drop();
  };
}
