import { readFileSync } from "node:fs";

// Informal chat word → its standard form (one or more words). Two layers: our banking-chat entries
// first, then the IndoCollex dictionary (MIT; source and licence in SOURCE.md beside this file).

/** Banking chat: abbreviations a general dictionary does not know or reads otherwise ("tf" is not tensorflow here). */
const bankingChat: Record<string, string> = {
  cs: "customer service",
  gmn: "gimana",
  gmna: "gimana",
  bgmn: "bagaimana",
  tf: "transfer",
  trf: "transfer",
  trsf: "transfer",
  transf: "transfer",
  cc: "kartu kredit",
  kk: "kartu kredit",
  rek: "rekening",
  rekn: "rekening",
  norek: "nomor rekening",
  sy: "saya",
  sya: "saya",
  aq: "aku",
  ak: "aku",
  yg: "yang",
  ga: "tidak",
  gak: "tidak",
  gk: "tidak",
  g: "tidak",
  nggak: "tidak",
  ngga: "tidak",
  engga: "tidak",
  enggak: "tidak",
  kagak: "tidak",
  tdk: "tidak",
  blm: "belum",
  udh: "sudah",
  sdh: "sudah",
  dah: "sudah",
  dgn: "dengan",
  utk: "untuk",
  knp: "kenapa",
  kpn: "kapan",
  brp: "berapa",
  dmn: "dimana",
  bs: "bisa",
  bsa: "bisa",
  tlg: "tolong",
  mhn: "mohon",
  thx: "thanks",
  tq: "thanks",
  pls: "please",
  plz: "please",
  pw: "password",
  hp: "handphone",
  mbanking: "mobile banking",
  ibanking: "internet banking",
  acc: "akun",
  bang: "bang",
  min: "admin",
  mimin: "admin",
};

/** Emoji that carry the request's tone; everything else without letters is dropped by folding. */
export const emojiWords: Record<string, string> = {
  "😡": "marah",
  "🤬": "marah",
  "😠": "marah",
  "😤": "kesal",
  "😭": "sedih",
  "😢": "sedih",
  "🙏": "tolong",
  "👍": "oke",
  "🙂": "senyum",
  "😊": "senyum",
  "😁": "senyum",
  "🤣": "tertawa",
  "😂": "tertawa",
  "💳": "kartu",
  "💸": "uang",
  "💰": "uang",
  "🏦": "bank",
  "⚠️": "peringatan",
  "🚨": "darurat",
};

function loadDictionary(): Map<string, string> {
  const text = readFileSync(new URL("./indocollex-informal-formal.tsv", import.meta.url), "utf8");
  const entries = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [informal, formal] = line.split("\t");
    if (!informal || !formal) continue;
    entries.set(informal.toLowerCase(), formal.toLowerCase());
  }
  return entries;
}

const dictionary = loadDictionary();

/** The standard form of one folded chat word, or undefined when it has none (or is already standard). */
export function standardForm(word: string): string | undefined {
  const form = bankingChat[word] ?? dictionary.get(word);
  return form === word ? undefined : form;
}
