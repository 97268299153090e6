import type { Changes } from "./conversation-save.js";
import type { Conversation } from "./model.js";

// The activity messages a conversation's save creates (ActivityMessageHandler#create_activity, in its
// order: status, priority, labels), with the texts of config/locales/en.yml conversations.activity.*.

function statusActivity(status: Conversation["status"], userName: string): string {
  switch (status) {
    case "open":
      return `Conversation was reopened by ${userName}`;
    case "resolved":
      return `Conversation was marked resolved by ${userName}`;
    case "pending":
      return `Conversation was marked as pending by ${userName}`;
    case "snoozed":
      return `Conversation was snoozed by ${userName}`;
  }
}

/** PriorityActivityMessageHandler#priority_change_activity (4.x; the priority itself is 2.17.0+). */
function priorityActivity(userName: string, previous: unknown, current: unknown): string | null {
  const was = typeof previous === "string" && previous !== "" ? previous : null;
  const now = typeof current === "string" && current !== "" ? current : null;
  if (was === null && now === null) return null;
  if (was !== null && now !== null) return `${userName} changed the priority from ${was} to ${now}`;
  return now !== null ? `${userName} set the priority to ${now}` : `${userName} removed the priority`;
}

/** Conversation#create_label_change → LabelActivityMessageHandler: one message for added, one for removed. */
function labelActivities(userName: string, previous: unknown, current: unknown): string[] {
  const was = Array.isArray(previous) ? previous.map(String) : [];
  const now = Array.isArray(current) ? current.map(String) : [];
  const added = now.filter((l) => !was.includes(l));
  const removed = was.filter((l) => !now.includes(l));
  return [...(added.length > 0 ? [`${userName} added ${added.join(", ")}`] : []), ...(removed.length > 0 ? [`${userName} removed ${removed.join(", ")}`] : [])];
}

/** The activity texts of one save by `userName` (`Current.user&.name`: a user or an agent bot). */
export function activityMessages(c: Conversation, changes: Changes, userName: string): string[] {
  const change = (name: string) => changes.find((ch) => ch.name === name);
  const texts: string[] = [];
  if (change("status")) texts.push(statusActivity(c.status, userName));
  const priority = change("priority");
  const priorityText = priority ? priorityActivity(userName, priority.previous, priority.current) : null;
  if (priorityText) texts.push(priorityText);
  const labels = change("label_list");
  if (labels) texts.push(...labelActivities(userName, labels.previous, labels.current));
  return texts;
}
