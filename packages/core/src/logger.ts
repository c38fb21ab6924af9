/**
 * Library code never writes to the console. It logs through this small
 * levelled logger; give `createPhone({ log: { level, sink } })` a sink to see
 * the messages. SIP traces (whole messages) are only logged at `debug` and
 * only when `sip.traceSip` is true.
 */
export const LogLevel = { Off: 'off', Error: 'error', Warn: 'warn', Info: 'info', Debug: 'debug' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

export type LogSink = (level: Exclude<LogLevel, 'off'>, message: string, data?: unknown) => void;

export interface LogOptions {
  level?: LogLevel;
  sink?: LogSink;
}

const rank: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export class Logger {
  readonly level: LogLevel;
  private readonly sink: LogSink | undefined;

  constructor(options: LogOptions = {}) {
    this.level = options.level ?? 'warn';
    this.sink = options.sink;
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return this.sink !== undefined && rank[level] <= rank[this.level];
  }

  error(message: string, data?: unknown): void {
    this.write('error', message, data);
  }
  warn(message: string, data?: unknown): void {
    this.write('warn', message, data);
  }
  info(message: string, data?: unknown): void {
    this.write('info', message, data);
  }
  debug(message: string, data?: unknown): void {
    this.write('debug', message, data);
  }

  private write(level: Exclude<LogLevel, 'off'>, message: string, data?: unknown): void {
    if (!this.enabled(level)) return;
    try {
      this.sink?.(level, message, data);
    } catch {
      // A failing sink must never break a call.
    }
  }
}
