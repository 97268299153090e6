import { api, session } from "./api.js";
import { html, useState } from "./html.js";
import { t } from "./i18n.js";
import { TextField } from "./ui.js";

/** The admin token printed at the first start; checked against the API before it is kept. */
export function SignIn({ onSignedIn }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api("GET", "/v1/bots", undefined, token.trim());
      session.signIn(token.trim());
      onSignedIn();
    } catch (e) {
      setError(e.status === 401 ? t("That token is not valid. Use the admin token Switchboard printed at its first start.") : e.message);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <main class="sign-in" id="main">
      <form class="card" onSubmit=${submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Switchboard</h1>
        <p>${t("Sign in with the admin token. It is kept for this browser tab only.")}</p>
        <${TextField}
          id="admin-token"
          label=${t("Admin token")}
          type="password"
          autocomplete="current-password"
          value=${token}
          onInput=${setToken}
          error=${error}
          required
          hint=${t("Printed once when Switchboard first started without ADMIN_TOKEN.")}
        />
        <button type="submit" class="primary" disabled=${busy || token.trim() === ""}>${t("Sign in")}</button>
      </form>
    </main>
  `;
}
