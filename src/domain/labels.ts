/**
 * The label of a turn the bot keeps (no division): on stored examples, in eval datasets and in
 * reports. Division labels are division ids.
 */
export const botLabel = "bot";
