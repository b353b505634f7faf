/** The one line a person sees when the agent was wanted but could not serve. */
export function agentFallbackNotice(why: string): string {
  return `${why}; working without it this time (sessions cached in the secret store)`;
}
