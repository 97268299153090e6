import { get, post } from "../api.js";
import { html, useEffect, useRef, useState } from "../html.js";
import { t } from "../i18n.js";
import { PageHeader, SelectField, Status, useAction, useLoad } from "../ui.js";
import { BotMessage, DecisionCard } from "./chat-message.js";

const channels = [
  { value: "Channel::WebWidget", label: "Web widget" },
  { value: "Channel::Whatsapp", label: "WhatsApp" },
  { value: "Channel::Instagram", label: "Instagram" },
];

// Test conversations get ids far from real inbox ids, so the log tells them apart at a glance.
const newConversationId = () => 900_000_000 + Math.floor(Math.random() * 99_999_999);

/** A chat pane over /simulate: the very pipeline a real turn takes, without the inbox. */
export function TestChatPage({ bot }) {
  const divisions = useLoad(() => get(`/v1/bots/${bot.id}/divisions`), [bot.id]);
  const [conversationId, setConversationId] = useState(newConversationId);
  const [channel, setChannel] = useState(channels[0].value);
  const [turns, setTurns] = useState([]);
  const [text, setText] = useState("");
  const [owner, setOwner] = useState("bot");
  const action = useAction();
  const log = useRef(null);
  useEffect(() => {
    // The newest turn from its top: the customer's words first, then the replies and the decision.
    log.current?.lastElementChild?.scrollIntoView({ block: "start" });
  }, [turns]);

  const send = (input) =>
    action.run(async () => {
      const reset = turns.length === 0;
      const result = await post(`/v1/bots/${bot.id}/simulate`, { conversationId, channel, reset, ...input });
      setTurns((list) => [...list, { said: input.text ?? input.payload, result }]);
      setOwner(result.conversation.owner);
    });
  const submit = (event) => {
    event.preventDefault();
    if (text.trim() === "") return;
    void send({ text }).then(() => setText(""));
  };
  const restart = () => {
    setTurns([]);
    setOwner("bot");
    setConversationId(newConversationId());
    action.setStatus({ message: t("New conversation started.") });
  };
  const list = divisions.data?.items ?? [];
  return html`
    <${PageHeader} title=${t("Test chat")}>
      <button type="button" onClick=${restart}>${t("Restart")}</button>
    </${PageHeader}>
    <p>${t("Write as a customer would. Nothing is sent to the inbox; each turn shows the decision and what would be sent.")}</p>
    <div class="chat-layout">
      <section class="card chat" aria-labelledby="chat-title">
        <h2 id="chat-title" class="sr-only">${t("Conversation")}</h2>
        <${SelectField} id="chat-channel" label=${t("Channel")} value=${channel} onChange=${setChannel} options=${channels} />
        <ol class="chat-log" ref=${log} aria-live="polite" aria-label=${t("Messages")}>
          ${turns.map(
            (turn, i) =>
              html` <li key=${i} class="turn">
                <p class="bubble customer"><span class="sr-only">${t("You")}: </span>${turn.said}</p>
                ${turn.result.messages.map((m) => html`<${BotMessage} message=${m} onChoose=${send} disabled=${action.busy || i !== turns.length - 1} />`)}
                ${
                  turn.result.decision
                    ? html`<${DecisionCard} decision=${turn.result.decision} actions=${turn.result.actions} divisions=${list} open=${i === turns.length - 1} />`
                    : html`<p class="hint">${t("A human owns this conversation: the bot stays silent.")}</p>`
                }
              </li>`,
          )}
        </ol>
        ${owner === "human" && html`<p class="status status-ok" role="status">${t("Handed over to a human. Restart to test another conversation.")}</p>`}
        <form class="chat-input" onSubmit=${submit}>
          <label for="chat-text" class="sr-only">${t("Message")}</label>
          <input
            id="chat-text"
            value=${text}
            onInput=${(e) => setText(e.currentTarget.value)}
            placeholder=${t("Type a message, e.g. kartu saya hilang")}
            autocomplete="off"
          />
          <button type="submit" class="primary" disabled=${action.busy || text.trim() === ""}>${t("Send")}</button>
        </form>
        <${Status} status=${action.status} />
      </section>
    </div>
  `;
}
