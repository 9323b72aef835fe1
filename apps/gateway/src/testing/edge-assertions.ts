/** Assertions the gateway's HTTP property tests share. */
import type { FakeRequester } from './fake-requester';

/**
 * Bad input is refused at the edge: never a 500, and a 400 is problem+json that reached no
 * owning app (the requester saw nothing).
 */
export function expectRefusedAtTheEdge(res: Response, requester: FakeRequester): void {
  expect(res.status).toBeLessThan(500);
  if (res.status === 400) {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(requester.requests).toHaveLength(0);
  }
}
