// English messages of the Lab 1 explorer (the node page's REST API panel). Spread into en.ts.

export const enExplorer = {
  "explorer.title": "REST API explorer (Lab 1)",
  "explorer.description":
    "Send one of the course's GET requests to this node and see the answer as `curl -i` prints it: the status line exactly as Patroni sent it, the headers and the body.",
  "explorer.paths": "Paths",
  "explorer.notInVersion": "Not in Patroni {version}",
  "explorer.pick": "Pick a path to send it to {member}.",
  "explorer.sending": "Asking {member}…",
  "explorer.noAnswer": "No HTTP answer: {error}",
  "explorer.failed": "The dashboard refused the request: {error}",
  "explorer.exchange": "Answer from {member}",
  "explorer.elapsed": "answered in {ms} ms",
  "explorer.curl": "The same request with curl",
  "explorer.copy": "Copy",
  "explorer.copied": "Copied",
  "explorer.truncated": "The body is longer than what is shown here.",
  "explorer.credentials":
    "The REST API asks for a password: put the cluster's user and password in place of USER:PASSWORD.",
  "explorer.limit": "Each node answers at most a few explorer requests a minute, one at a time.",
} as const;
