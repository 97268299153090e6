import { runScenarioMatrix } from "./matrix.js";

// examples/bots/bank-abc-instagram.json on an Instagram inbox (and a web widget), through the real webhook.
runScenarioMatrix("bank-abc-instagram");
