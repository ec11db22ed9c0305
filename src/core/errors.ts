/** An input that could not be read. Carries the file (and line or item) and a reason written for the user. */
export class InputError extends Error {
  constructor(
    readonly origin: string,
    readonly reason: string,
    readonly code: string,
  ) {
    super(`${origin}: ${reason}`);
    this.name = "InputError";
  }
}
