import { runScenarioMatrix } from "./matrix.js";

// examples/bots/bank-abc-simple.json on a WhatsApp inbox (and a web widget), through the real webhook.
runScenarioMatrix("bank-abc-simple");
