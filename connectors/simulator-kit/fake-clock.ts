/**
 * A clock that only moves when told to. Hand `now` to a simulator and `sleep` to the HTTP
 * client: every Retry-After the client honours moves the simulator's rate window forward,
 * so rate-limit storms run in milliseconds with exactly the vendor's semantics.
 */
export class FakeClock {
  constructor(private current: number = Date.now()) {}

  readonly now = (): number => this.current;

  readonly sleep = async (ms: number): Promise<void> => {
    this.current += Math.max(0, ms);
  };

  advance(ms: number): void {
    this.current += ms;
  }
}
