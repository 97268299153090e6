/** The error bodies Chatwoot's API answers with (app/controllers/concerns/request_exception_handler.rb and friends). */
export type ApiAnswer = { status: number; body: unknown; contentType?: string };

export const answer = (status: number, body: unknown): ApiAnswer => ({ status, body });

/** `head :ok`: 200 without a body. */
export const headOk = (): ApiAnswer => ({ status: 200, body: "", contentType: "text/plain" });

export const apiErrors = {
  /** devise_token_auth `authenticate_user!` without a token. */
  signIn: () => answer(401, { errors: ["You need to sign in or sign up before continuing."] }),
  /** AccessTokenAuthHelper#authenticate_access_token! */
  invalidToken: () => answer(401, { error: "Invalid Access Token" }),
  /** AccessTokenAuthHelper#validate_bot_access_token! */
  botNotAllowed: () => answer(401, { error: "Access to this endpoint is not authorized for bots" }),
  /** EnsureCurrentAccountHelper */
  userNotInAccount: () => answer(401, { error: "You are not authorized to access this account" }),
  botNotInAccount: () => answer(401, { error: "Bot is not authorized to access this account" }),
  /** Pundit::NotAuthorizedError in handle_with_exception. */
  notAuthorized: () => answer(401, { error: "You are not authorized to do this action" }),
  /** ActiveRecord::RecordNotFound in handle_with_exception. */
  notFound: () => answer(404, { error: "Resource could not be found" }),
  /** render_could_not_create_error */
  unprocessable: (message: string) => answer(422, { error: message }),
  /** An unhandled exception (e.g. an unknown enum value), as Rails renders it for a JSON request. */
  serverError: () => answer(500, { status: 500, error: "Internal Server Error" }),
  /** ActionDispatch::Http::Parameters::ParseError */
  badJson: () => answer(400, { status: 400, error: "Bad Request" }),
  /** Rack::Attack's default throttled response. */
  throttled: () => ({ status: 429, body: "Retry later\n", contentType: "text/plain" }),
  /** A proxy or server failure of another status. */
  status: (status: number) => answer(status, { status, error: status === 500 ? "Internal Server Error" : "Service Unavailable" }),
} as const;
