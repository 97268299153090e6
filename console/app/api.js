// The admin API, with the admin token kept for this tab only (sessionStorage).
const tokenKey = "switchboard.adminToken";

export const session = {
  token: () => sessionStorage.getItem(tokenKey),
  signIn: (token) => sessionStorage.setItem(tokenKey, token),
  signOut: () => {
    sessionStorage.removeItem(tokenKey);
    window.dispatchEvent(new Event("switchboard:signed-out"));
  },
};

/** A problem+json answer: `fields` maps each `errors[].path` to its message. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.fields = Object.fromEntries((problem?.errors ?? []).map((e) => [e.path, e.message]));
  }
}

export async function api(method, path, body, token = session.token()) {
  const headers = { authorization: `Bearer ${token ?? ""}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: "The service did not answer. Is it running?" });
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { title: text.slice(0, 200) };
  }
  if (res.status === 401 && token === session.token()) session.signOut();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body ?? {});
export const put = (path, body) => api("PUT", path, body);
export const patch = (path, body) => api("PATCH", path, body);
export const del = (path) => api("DELETE", path);
