/** Security policy of sign-in. Not regulation: these are Lindung's own, tuned by configuration. */
export const LOGIN_POLICY = {
  /** Consecutive failed passwords that lock an account. */
  maxFailures: Number(process.env.LINDUNG_LOGIN_MAX_FAILURES ?? 5),
  lockMinutes: Number(process.env.LINDUNG_LOGIN_LOCK_MINUTES ?? 15),
  /** Sign-in requests per IP address per minute, across all accounts. */
  perIpPerMinute: Number(process.env.LINDUNG_LOGIN_PER_IP_PER_MINUTE ?? 20),
  cookieSessionHours: 12,
  bearerTokenDays: 30,
  otpMinutes: 5,
  otpMaxAttempts: 5,
} as const;

export const SESSION_COOKIE = 'lindung_session';

/** Staff roles that see the whole country unless their user is given a branch or regions. */
export const NATIONAL_BY_DEFAULT = ['auditor', 'admin'] as const;
