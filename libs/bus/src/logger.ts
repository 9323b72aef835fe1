/** The logging surface the bus needs; satisfied by pino and by nestjs-pino's PinoLogger. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
