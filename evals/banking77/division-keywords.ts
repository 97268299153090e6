// English keyword intents per BANKING77 division, written from the names (and a read of the train
// examples) of the intents each division owns. They drive the deterministic fallback, where the
// division with the most hits wins and no hit keeps the turn with the bot. So they name what went
// wrong ("pending", "declined", "charged twice") together with the topic, and avoid bare topic
// words ("card", "top up") that the bot-answerable questions share. Keywords match whole words,
// ignoring case and punctuation; a phrase matches consecutive words, so common variants are listed.

export const divisionKeywords: Record<string, string[]> = {
  // card_arrival, card_linking, card_not_working, contactless_not_working, pin_blocked, virtual_card_not_working
  cards: [
    "not arrived", "hasn't arrived", "hasn't come", "haven't received my card", "haven't gotten my card",
    "still waiting for my card", "my new card", "card come in", "card to be delivered", "in the mail", "still isn't here", "not here yet", "haven't received my new card", "card i ordered", "ordered my card", "sent out my card", "where is my card", "card never arrived", "track my card", "tracking number",
    "link my card", "link the card", "link a card", "link my new card", "link the new card", "re-link", "relink", "found my card", "reactivate",
    "card not working", "card is not working", "card isn't working", "card doesn't work", "card won't work", "card stopped working", "card not functioning",
    "problem with my card", "wrong with my card", "can't use my card",
    "contactless",
    "pin blocked", "pin is blocked", "blocked pin", "unblock", "unlock", "locked out", "too many times", "wrong pin",
    "virtual card not working", "virtual card isn't working", "virtual card won't work", "virtual card doesn't work", "virtual card declined",
  ],
  // declined_card_payment, pending_card_payment, reverted_card_payment?, transaction_charged_twice, request_refund, Refund_not_showing_up
  card_payments: [
    "card payment declined", "payment was declined", "payment declined", "card was declined", "card declined", "card got declined",
    "payment pending", "payment is pending", "payment still pending", "pending payment", "purchase pending", "pending purchase",
    "payment reverted", "payment hasn't gone through", "payment has not gone through", "payment to go through", "payment was reverted", "payment reversed", "payment cancelled", "payment came back", "payment returned",
    "charged twice", "pending", "charged two times", "charged more than once", "double charged", "double charge", "duplicate", "twice", "same charge", "two of the same",
    "refund", "refunds", "refunded", "money back", "get my money back", "return my money",
  ],
  // balance_not_updated_after_bank_transfer, beneficiary_not_allowed, cancel_transfer, declined_transfer, failed_transfer,
  // pending_transfer, transfer_not_received_by_recipient, transfer_timing
  transfers: [
    "transfer", "transfers", "transferred", "transferring", "bank transfer",
    "beneficiary", "payee", "recipient",
    "cancel a transfer", "cancel the transfer", "cancel my transfer", "cancel transfer", "cancel transactions", "reverse", "reversed", "haven't gotten it", "sent money to someone", "my transfer", "cancel a transaction", "cancel the transaction", "cancel my transaction", "cancel transaction", "cancel my last transaction", "reverse a transaction", "revert a transaction", "wrong transaction", "reverse the transfer", "wrong account", "sent money to the wrong",
    "transfer declined", "transfer was declined", "transfer failed", "transfer didn't go through", "transfer did not go through",
    "transfer pending", "pending", "transfer is pending", "transfer still pending", "pending transfer",
    "hasn't received", "has not received", "didn't receive the money", "not received the money",
    "how long does a transfer take", "how long will the transfer take",
  ],
  // apple_pay_or_google_pay, balance_not_updated_after_cheque_or_cash_deposit, pending_top_up, top_up_failed, top_up_reverted, topping_up_by_card
  topups: [
    "apple pay", "google pay", "apple watch",
    "cheque", "check deposit", "deposited cash", "cash deposit", "deposited",
    "top up pending", "pending", "money disappeared", "added money", "top up is pending", "top up still pending", "pending top up", "topup pending",
    "top up failed", "top up didn't work", "top up did not work", "top up declined", "top up was declined", "top up not working", "top up isn't working",
    "top up reverted", "top up was reverted", "top up cancelled", "top up was cancelled", "top up cancellation", "top up disappeared",
    "top up with my card", "top up using my card", "topped up", "topping up",
  ],
  // card_swallowed, declined_cash_withdrawal, pending_cash_withdrawal, wrong_amount_of_cash_received
  cash_atm: [
    "swallowed", "ate my card", "atm took my card", "atm kept my card", "atm has my card", "stuck in the atm", "machine kept my card",
    "withdrawal declined", "withdrawal was declined", "couldn't withdraw", "can't withdraw", "unable to withdraw", "atm declined",
    "withdrawal pending", "from the atm", "at the atm", "at an atm", "cash i wanted", "amount of cash", "full amount", "cash transaction", "pending", "cash withdrawal", "withdrawal", "withdraw", "get cash", "cash out", "money out", "withdrawal is pending", "pending withdrawal", "pending cash withdrawal",
    "wrong amount of cash", "less cash", "less money than", "didn't give me", "didn't get all", "only gave me", "atm gave me", "cash was not dispensed",
  ],
  // card_payment_fee_charged, card_payment_wrong_exchange_rate, cash_withdrawal_charge, extra_charge_on_statement,
  // transfer_fee_charged, wrong_exchange_rate_for_cash_withdrawal
  fees_fx: [
    "fee", "fees", "charged a fee", "extra fee", "extra charge", "additional charge", "transfer fee", "withdrawal fee",
    "charged for", "why was i charged", "charge on my statement", "extra charge on my statement",
    "wrong exchange rate", "charged extra", "overcharged", "different rate", "exchange rate is different", "correct exchange rate", "exchange rate for my cash withdrawal", "incorrect exchange rate", "exchange rate was incorrect", "exchange rate is wrong", "exchange rate isn't correct", "rate was wrong", "rate is wrong", "rate looks wrong", "incorrect rate", "charged too much", "exchange rate was wrong", "bad exchange rate", "exchange rate applied", "wrong rate",
  ],
  // card_payment_not_recognised, cash_withdrawal_not_recognised, compromised_card, direct_debit_payment_not_recognised,
  // lost_or_stolen_card, lost_or_stolen_phone
  fraud_security: [
    "don't recognise", "don't recognize", "do not recognise", "do not recognize", "not recognise", "not recognize", "unrecognised", "unrecognized",
    "didn't make", "did not make", "i never made", "not mine", "unauthorised", "unauthorized", "fraud", "fraudulent", "scam",
    "direct debit",
    "compromised", "hacked", "someone used my card", "someone else", "stolen", "stole", "lost my card", "lost card", "card was lost",
    "lost my phone", "strange payment", "never submitted", "did not charge", "disagree", "recongize", "someone", "cloned", "copy of my card", "copied my card", "didn't withdraw", "did not withdraw", "lost my wallet", "can't find my card", "card is missing", "missing card", "unusual payment", "random payment", "wasn't done by me", "wasn't me", "not done by me", "wasn't made by me", "freeze", "frozen", "phone was stolen", "phone stolen", "lost phone",
  ],
  // passcode_forgotten, terminate_account, unable_to_verify_identity, verify_source_of_funds
  account: [
    "passcode", "forgot my password", "forgotten my password", "reset my password",
    "close my account", "delete my account", "terminate my account", "cancel my account", "close the account", "delete the account",
    "can't verify", "not allowed to verify", "prove who i am", "not able to verify", "won't verify", "not letting me verify", "isn't accepting my", "not accepting my", "prove my identity", "cannot verify", "unable to verify", "verification failed", "identity verification failed", "id not accepted",
    "source of funds", "where my money comes from", "proof of funds",
  ],
};
