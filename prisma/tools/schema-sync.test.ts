import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivePostgresSchema, postgresSchemaPath, sqliteSchemaPath } from './generate';

describe('prisma/postgresql/schema.prisma', () => {
  it('is what `npm run db:generate` derives from prisma/schema.prisma', () => {
    const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8'));
    // If this fails: run `npm run db:generate` and commit prisma/postgresql/schema.prisma.
    expect(readFileSync(postgresSchemaPath, 'utf8')).toBe(derived);
  });

  it('differs only in the datasource provider and the client output folder', () => {
    const derived = derivePostgresSchema(
      'generator client {\n  provider = "prisma-client"\n  output   = "../lib/db/generated/sqlite"\n}\n\n' +
        'datasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id String @id\n  provider String @default("sqlite")\n}\n',
    );
    expect(derived).toBe(
      'generator client {\n  provider = "prisma-client"\n  output   = "../../lib/db/generated/postgresql"\n}\n\n' +
        'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id String @id\n  provider String @default("sqlite")\n}\n',
    );
    expect(() => derivePostgresSchema('datasource db {\n  provider = "postgresql"\n}\n')).toThrow();
  });
});
