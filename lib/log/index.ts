import { LOG_LEVELS, type TLogLevel } from '../config';

const RANK: Record<TLogLevel, number> = Object.fromEntries(LOG_LEVELS.map((l, i) => [l, i])) as Record<TLogLevel, number>;

let threshold: TLogLevel = 'info';

export function setLogLevel(level: TLogLevel): void {
  threshold = level;
}

function emit(level: TLogLevel, message: string, fields?: Record<string, unknown>): void {
  if (RANK[level] < RANK[threshold]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** Structured one-line JSON logs on stdout/stderr (12-factor: the platform collects them). */
export const log = {
  debug: (m: string, f?: Record<string, unknown>) => emit('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => emit('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => emit('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => emit('error', m, f),
};
