// Hash routes: #/bots, #/bots/<botId>/<page>[/<item>]; the back button and bookmarks work.
import { useEffect, useState } from "./html.js";

export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== "bots" || parts.length < 3) return { page: "bots", botId: parts[1] ?? null, item: null };
  return { page: parts[2], botId: parts[1], item: parts[3] ?? null };
}

export const href = (botId, page, item) => `#/bots/${encodeURIComponent(botId)}/${page}${item ? `/${encodeURIComponent(item)}` : ""}`;

export const go = (hash) => {
  window.location.hash = hash;
};

export function useRoute() {
  const [route, setRoute] = useState(parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
