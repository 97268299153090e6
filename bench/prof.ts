import { summariseProfile } from "./lib/cpu-profile.js";
import { projectRoot } from "./lib/server-process.js";
const s = summariseProfile(process.argv[2]!, projectRoot, {});
console.log("total", s.totalMs);
for (const l of s.byArea.slice(0, 25)) console.log(l.pct.toFixed(1).padStart(5), l.ms.toFixed(0).padStart(7), l.name);
console.log("---");
for (const l of s.topSelf.slice(0, 40)) console.log(l.pct.toFixed(1).padStart(5), l.ms.toFixed(0).padStart(7), l.name);
