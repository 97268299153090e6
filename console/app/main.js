import { get, session } from "./api.js";
import { html, render, useEffect, useRef, useState } from "./html.js";
import { languages, lang, setLang, t } from "./i18n.js";
import { AnalyticsPage } from "./pages/analytics.js";
import { BotsPage } from "./pages/bots.js";
import { ConversationsPage } from "./pages/conversations.js";
import { DivisionEditPage } from "./pages/division-edit.js";
import { DivisionsPage } from "./pages/divisions.js";
import { FlowsPage } from "./pages/flows.js";
import { OfficeHoursPage } from "./pages/office-hours.js";
import { SmartHandoverPage } from "./pages/smart-handover.js";
import { TestChatPage } from "./pages/test-chat.js";
import { go, href, useRoute } from "./router.js";
import { SignIn } from "./sign-in.js";
import { useLoad } from "./ui.js";

const botPages = [
  { page: "handover", label: "Smart Handover Agent", component: SmartHandoverPage },
  { page: "divisions", label: "Divisions", component: DivisionsPage },
  { page: "office-hours", label: "Office hours", component: OfficeHoursPage },
  { page: "flows", label: "Flows", component: FlowsPage },
  { page: "chat", label: "Test chat", component: TestChatPage },
  { page: "conversations", label: "Conversations", component: ConversationsPage },
  { page: "analytics", label: "Analytics", component: AnalyticsPage },
];

function Sidebar({ route, bots }) {
  const current = (page) => (route.page === page ? "page" : undefined);
  const bot = bots.find((b) => b.id === route.botId);
  return html`
    <nav class="sidebar" aria-label=${t("Main")}>
      <a class="brand" href="#/bots">Switchboard</a>
      <ul>
        <li><a href="#/bots" aria-current=${current("bots")}>${t("Bots")}</a></li>
      </ul>
      ${
        bots.length > 0 &&
        html` <label class="bot-picker" for="bot-picker">${t("Bot")}</label>
          <select id="bot-picker" value=${bot?.id ?? ""} onChange=${(e) => go(href(e.currentTarget.value, route.page === "bots" ? "handover" : route.page))}>
            ${!bot && html`<option value="">${t("Choose a bot")}</option>`}
            ${bots.map((b) => html`<option value=${b.id} selected=${b.id === bot?.id}>${b.name}</option>`)}
          </select>`
      }
      ${
        bot &&
        html` <ul>
          ${botPages.map((p) => html`<li><a href=${href(bot.id, p.page)} aria-current=${current(p.page)}>${t(p.label)}</a></li>`)}
        </ul>`
      }
    </nav>
  `;
}

function TopBar({ onLanguage }) {
  return html`
    <div class="topbar">
      <label for="language">${t("Language")}</label>
      <select id="language" onChange=${(e) => onLanguage(e.currentTarget.value)}>
        ${languages.map((l) => html`<option value=${l.code} selected=${l.code === lang()}>${l.name}</option>`)}
      </select>
      <button type="button" onClick=${() => session.signOut()}>${t("Sign out")}</button>
    </div>
  `;
}

function Page({ route, bots, reloadBots }) {
  if (route.page === "bots" || !route.botId) return html`<${BotsPage} bots=${bots} reloadBots=${reloadBots} />`;
  const bot = bots.find((b) => b.id === route.botId);
  if (!bot) return html`<p role="alert">${t("No such bot.")} <a href="#/bots">${t("Bots")}</a></p>`;
  if (route.page === "divisions" && route.item) return html`<${DivisionEditPage} bot=${bot} divisionId=${route.item} />`;
  const entry = botPages.find((p) => p.page === route.page);
  if (!entry) return html`<p role="alert">${t("No such page.")}</p>`;
  const Component = entry.component;
  return html`<${Component} bot=${bot} item=${route.item} />`;
}

function Console() {
  const route = useRoute();
  const [, setLanguage] = useState(lang());
  const bots = useLoad(() => get("/v1/bots"), []);
  const main = useRef(null);
  // A new page moves focus to its heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    main.current?.querySelector("#page-title")?.focus();
  }, [route.page, route.botId, route.item, bots.loading]);
  const changeLanguage = (code) => {
    setLang(code);
    setLanguage(code);
  };
  const list = bots.data?.items ?? [];
  return html`
    <a
      class="skip-link"
      href="#main"
      onClick=${(e) => {
        e.preventDefault();
        main.current?.focus();
      }}
      >${t("Skip to content")}</a
    >
    <div class="layout">
      <${Sidebar} route=${route} bots=${list} />
      <div class="content">
        <${TopBar} onLanguage=${changeLanguage} />
        <main id="main" ref=${main} tabindex="-1">
          ${
            bots.loading && !bots.data
              ? html`<p class="loading" role="status">${t("Loading…")}</p>`
              : bots.error
                ? html`<p role="alert">${bots.error.message}</p>`
                : html`<${Page} key=${`${route.botId}/${route.page}/${route.item}`} route=${route} bots=${list} reloadBots=${bots.reload} />`
          }
        </main>
      </div>
    </div>
  `;
}

function App() {
  const [signedIn, setSignedIn] = useState(Boolean(session.token()));
  useEffect(() => {
    const onSignOut = () => setSignedIn(false);
    window.addEventListener("switchboard:signed-out", onSignOut);
    return () => window.removeEventListener("switchboard:signed-out", onSignOut);
  }, []);
  return signedIn ? html`<${Console} />` : html`<${SignIn} onSignedIn=${() => setSignedIn(true)} />`;
}

// Preact 11 renders next to what is there: the "Loading the console…" placeholder goes first.
const root = document.getElementById("app");
root.textContent = "";
render(html`<${App} />`, root);
