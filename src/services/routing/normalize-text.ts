import { foldText } from "../../domain/fold-text.js";

// Chat text → comparable tokens: lower case, accents and punctuation gone, common Indonesian and
// English chat abbreviations expanded (the original token is kept as well).

const abbreviations: Record<string, string> = {
  cs: "customer service",
  gmn: "gimana",
  gmna: "gimana",
  bgmn: "bagaimana",
  tf: "transfer",
  trf: "transfer",
  trsf: "transfer",
  cc: "kartu kredit",
  kk: "kartu kredit",
  rek: "rekening",
  norek: "nomor rekening",
  sy: "saya",
  sya: "saya",
  aq: "aku",
  yg: "yang",
  ga: "tidak",
  gak: "tidak",
  gk: "tidak",
  nggak: "tidak",
  ngga: "tidak",
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
};

export { foldText };

/** Tokens of a message, with abbreviation expansions appended after the originals. */
export function tokenize(text: string): string[] {
  const tokens = foldText(text).split(" ").filter(Boolean);
  const expanded: string[] = [];
  for (const token of tokens) {
    expanded.push(token);
    const expansion = abbreviations[token];
    if (expansion) expanded.push(...expansion.split(" "));
  }
  return expanded;
}

const prefixes = ["meng", "meny", "mem", "men", "me", "ber", "ter", "di", "ke", "se", "pe", "per"];
const suffixes = ["nya", "kan", "lah", "kah", "an", "i"];

/** A word and its likely Indonesian roots (light affix stripping), for keyword comparison. */
export function wordForms(token: string): string[] {
  const forms = new Set([token]);
  for (const suffix of suffixes) {
    if (token.length > suffix.length + 3 && token.endsWith(suffix)) forms.add(token.slice(0, -suffix.length));
  }
  for (const form of [...forms]) {
    for (const prefix of prefixes) {
      if (form.length > prefix.length + 3 && form.startsWith(prefix)) forms.add(form.slice(prefix.length));
    }
  }
  return [...forms];
}
