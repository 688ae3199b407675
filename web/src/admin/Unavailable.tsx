/** Shown where the server does not offer a feature yet (the endpoint answered 404). */
export function Unavailable({ what }: { what: string }) {
  return <p className="muted pad">{what} is not available on this server.</p>;
}
