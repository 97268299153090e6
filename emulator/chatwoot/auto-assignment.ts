import type { Conversation } from "./model.js";
import type { Store } from "./store.js";

/**
 * Round robin over an inbox's members (app/services/auto_assignment/inbox_round_robin_service.rb):
 * the first queued member that is allowed takes the conversation and goes to the back of the queue.
 */
export function createRoundRobin(store: Store) {
  const queue: number[] = [...store.inbox.memberIds];
  return {
    availableAgent(allowedIds: number[]): number | null {
      for (const memberId of store.inbox.memberIds) if (!queue.includes(memberId)) queue.push(memberId);
      const index = queue.findIndex((id) => allowedIds.includes(id));
      if (index < 0) return null;
      const [picked] = queue.splice(index, 1);
      if (picked === undefined) return null;
      queue.push(picked);
      return picked;
    },
  };
}

export type RoundRobin = ReturnType<typeof createRoundRobin>;

/** OnlineStatusTracker: only `online` agents are assigned, never `busy` or `offline`. */
function online(store: Store, ids: number[]): number[] {
  return ids.filter((id) => store.user(id)?.availability === "online");
}

function teamMembersInInbox(store: Store, teamId: number | null): number[] {
  const team = store.team(teamId);
  if (!team?.allowAutoAssign) return [];
  return store.inbox.memberIds.filter((id) => team.memberIds.includes(id));
}

/**
 * AssignmentHandler#find_assignee_from_team (app/models/concerns/assignment_handler.rb): on a team
 * change, an online member of both the team and the inbox, when the team allows auto-assignment.
 * v1.18 picked any member, online or not (`members.sample`; here the first, to stay deterministic).
 */
export function assigneeFromTeam(store: Store, robin: RoundRobin, teamId: number | null, legacy: boolean): number | null {
  const candidates = teamMembersInInbox(store, teamId);
  if (legacy) return candidates[0] ?? null;
  return robin.availableAgent(online(store, candidates));
}

/**
 * AutoAssignmentHandler#run_auto_assignment (app/models/concerns/auto_assignment_handler.rb): when a
 * conversation becomes open without an assignee who is an inbox member, an online inbox member (of
 * its team, if it has one that allows auto-assignment) is assigned.
 */
export function autoAssignee(store: Store, robin: RoundRobin, c: Conversation): number | null {
  if (!store.inbox.enableAutoAssignment) return null;
  if (c.assigneeId !== null && store.inbox.memberIds.includes(c.assigneeId)) return null;
  const allowed = c.teamId !== null ? teamMembersInInbox(store, c.teamId) : store.inbox.memberIds;
  return robin.availableAgent(online(store, allowed));
}
