/** Calls the browser host's RPC the way a script would: bearer token, JSON body. */
export async function rpc<T>(served: { url: string; origin: string }, method: string, input: unknown): Promise<T> {
  const token = new URL(served.url).searchParams.get('token') ?? '';
  const res = await fetch(`${served.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}
