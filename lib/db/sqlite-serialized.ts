import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/**
 * The better-sqlite3 adapter runs every query on ONE connection, and its mutex only orders
 * transactions among themselves: a plain query from another request that arrives while an
 * interactive `$transaction` is open runs inside that transaction, and is undone if it rolls back
 * (a consumed ceremony would come back, a session row vanish after its cookie was sent).
 *
 * This wrapper gives the connection one lock: a transaction holds it from BEGIN until commit or
 * rollback, and every statement outside a transaction takes it for its own (synchronous) run.
 */
class Lock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when the lock is ours; call the returned function to release it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'queryRaw':
          return (q: SqlQuery) => exclusive(() => target.queryRaw(q));
        case 'executeRaw':
          return (q: SqlQuery) => exclusive(() => target.executeRaw(q));
        case 'executeScript':
          return (script: string) => exclusive(() => target.executeScript(script));
        case 'startTransaction':
          return async (isolationLevel?: Parameters<SqlDriverAdapter['startTransaction']>[0]): Promise<Transaction> => {
            const release = await lock.acquire();
            let tx: Transaction;
            try {
              tx = await target.startTransaction(isolationLevel);
            } catch (e) {
              release();
              throw e;
            }
            let released = false;
            const end = (fn: () => Promise<void>) => async () => {
              try {
                await fn();
              } finally {
                if (!released) {
                  released = true;
                  release();
                }
              }
            };
            return new Proxy(tx, {
              get(t, p, r) {
                if (p === 'commit') return end(() => t.commit());
                if (p === 'rollback') return end(() => t.rollback());
                const v = Reflect.get(t, p, r);
                return typeof v === 'function' ? v.bind(t) : v;
              },
            });
          };
        default: {
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        }
      }
    },
  });
}

/** Wraps an SQLite adapter factory so that each connection it makes is serialized (see above). */
export function serializedSqlite<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => serialize(await target.connect());
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
