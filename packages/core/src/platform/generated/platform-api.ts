// Generated from docs/platform-api.yaml by scripts/platform/generate-types.mjs
// (openapi-typescript). Do not edit: change the YAML and run
// `node scripts/platform/generate-types.mjs`.
/* eslint-disable */

export interface paths {
  "/me": {
    /**
     * The signed-in agent
     * @description The agent's profile, rights, pause reasons and queues.
     */
    get: operations["getMe"];
  };
  "/me/status": {
    /**
     * Change the agent's status
     * @description Sets the agent available, paused (with a reason), in post-interaction or offline.
     */
    put: operations["setStatus"];
  };
  "/me/notifications": {
    /**
     * Save the agent's notification settings
     * @description How the agent is told of each kind of event (docs/notifications.md),
     * as the agent chose them in the Banner's settings: the whole object
     * each time. `GET /me` gives them back in `notifications`.
     *
     * Optional: a platform that does not keep them answers `404`, and the
     * Banner keeps them in the browser only (one entry per agent address).
     */
    put: operations["setNotifications"];
  };
  "/me/unanswered": {
    /**
     * The agent's unanswered-call notification settings
     * @description Whether and how the agent is told of a call nobody answered, by email
     * and by SMS, and the exceptions (docs/unanswered-calls.md). The
     * platform uses the same settings to notify agents who are not logged
     * in. A platform that does not keep them answers `404`: the Banner
     * keeps them in the browser only (one entry per agent address).
     */
    get: operations["getUnansweredSettings"];
    /**
     * Save the agent's unanswered-call notification settings
     * @description The whole object each time, as the agent chose it in the Banner.
     */
    put: operations["setUnansweredSettings"];
  };
  "/notifications": {
    /**
     * Deliver an unanswered-call notification
     * @description An email or an SMS that the Banner composed with `@cx/core/unanswered`
     * for a call nobody answered; the platform sends it through its mail
     * server or SMS provider. Values are the caller's (untrusted): the
     * platform sends them as they are, it does not render them.
     */
    post: operations["sendNotification"];
  };
  "/pool": {
    /**
     * The pool
     * @description Every interaction waiting in, offered from or handled from the agent's queues.
     */
    get: operations["getPool"];
  };
  "/pool/{interactionId}/take": {
    /**
     * Take a call from the pool
     * @description Asks the ACD to send this interaction to the agent; the INVITE follows
     * (with `X-CX-Interaction-Id`) and the Banner answers it at once. Not
     * idempotent: the Banner never repeats it on its own.
     */
    post: operations["takeInteraction"];
  };
  "/interactions/{id}": {
    /**
     * One interaction
     * @description The caller, queue, IVR route and collected data of an interaction.
     */
    get: operations["getInteraction"];
  };
  "/interactions/{id}/wrap-up": {
    /**
     * Save the wrap-up
     * @description Saves the post-interaction form's values, the tags and the links to a contact or a case.
     */
    post: operations["saveWrapUp"];
  };
  "/interactions/{id}/wrap-up/extend": {
    /**
     * Extend the post-interaction time
     * @description Adds seconds to the post-interaction time; answers when it now ends.
     */
    post: operations["extendWrapUp"];
  };
  "/interactions/{id}/recording": {
    /**
     * Upload a recording
     * @description Stores a recording of the interaction (Opus in Ogg or WebM); answers where it is kept.
     */
    post: operations["uploadRecording"];
  };
  "/queues/{id}/form": {
    /**
     * A queue's post-interaction form
     * @description The fields and the tags the agent fills in after a call from this queue.
     */
    get: operations["getQueueForm"];
  };
  "/missed-calls": {
    /**
     * Missed calls
     * @description The calls the agent missed, newest first.
     */
    get: operations["getMissedCalls"];
  };
  "/missed-calls/{id}/processed": {
    /**
     * Mark a missed call processed
     * @description Idempotent; marking it again changes nothing.
     */
    post: operations["markMissedCallProcessed"];
  };
  "/voicemails": {
    /**
     * Voicemails
     * @description The agent's voicemails, newest first. `audioUrl` is fetched with the same bearer token.
     */
    get: operations["getVoicemails"];
  };
  "/voicemails/{id}/heard": {
    /**
     * Mark a voicemail heard
     * @description Idempotent; marking it again changes nothing.
     */
    post: operations["markVoicemailHeard"];
  };
  "/directory": {
    /**
     * Search transfer destinations
     * @description Users, queues, routings and contacts whose name or target matches the text.
     */
    get: operations["searchDirectory"];
  };
  "/contacts": {
    /**
     * Contacts with a phone number
     * @description The platform's contacts that have this phone number, best match first (the phone names a caller with the first one). Compare numbers in E.164 form where they parse. An unknown number gives an empty list.
     */
    get: operations["searchContacts"];
  };
  "/users/{extension}": {
    /**
     * A user by extension
     * @description Another user's role and permissions (who may monitor the agent's calls).
     */
    get: operations["getUser"];
  };
  "/events": {
    /**
     * The event stream
     * @description Server-sent events (`text/event-stream`). Each message has an `event:`
     * line naming its type, an `id:` line and one `data:` line holding JSON:
     *
     * | event | data |
     * |---|---|
     * | `pool` | the whole pool, `PoolEntry[]` |
     * | `status` | `StatusAnswer` (the agent's status changed) |
     * | `wrap-up` | `WrapUpEvent` (post-interaction time started or changed) |
     * | `missed-call` | `MissedCall` (a new or changed missed call) |
     * | `voicemail` | `Voicemail` (a new or changed voicemail) |
     *
     * `x-cx-events` maps each event type to its data schema. The Banner
     * reads the stream with `fetch` (so that it can send the bearer token),
     * skips events it does not know or whose data does not match, and
     * reconnects after a dropped stream with `Last-Event-ID` set to the
     * last `id:` it received; the platform then sends what happened since
     * (or a fresh `pool` event). A `retry:` line sets the reconnection delay
     * in milliseconds. Lines starting with `:` are comments (keep-alives).
     */
    get: operations["getEvents"];
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    Id: string;
    Text: string;
    /**
     * Format: date-time
     * @description ISO 8601 date and time with a time zone.
     */
    Time: string;
    Seconds: number;
    /** @enum {string} */
    Role: "agent" | "supervisor" | "admin";
    /** @enum {string} */
    Status: "available" | "paused" | "post-interaction" | "offline";
    /** @description Every 4xx and 5xx answer. */
    Error: {
      code: components["schemas"]["Id"];
      message: components["schemas"]["Text"];
    };
    Queue: {
      id: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
      /** @description Whether the small banner may handle this queue's calls. */
      smallBanner: boolean;
      /** @enum {string} */
      recording: "off" | "allowed" | "auto";
      wrapUpSeconds?: components["schemas"]["Seconds"];
      callerId?: components["schemas"]["Text"];
    };
    Me: {
      id: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
      extension: components["schemas"]["Id"];
      role: components["schemas"]["Role"];
      permissions: components["schemas"]["Id"][];
      pauseReasons: components["schemas"]["Text"][];
      profile: {
        ringTimeout: number;
        autoAnswer: boolean;
        wrapUpSeconds: components["schemas"]["Seconds"];
        callerId?: components["schemas"]["Text"];
        /** @description Queue calls ring during the post-interaction too. Absent or false: the Banner refuses them (486) so the ACD offers them to another agent. */
        ringDuringWrapUp?: boolean;
      };
      queues: components["schemas"]["Queue"][];
      voicemail?: components["schemas"]["Mailbox"];
      notifications?: components["schemas"]["NotificationSettings"];
      /** @description The companies this desk answers for (docs/hotline.md). When present it replaces the Banner's `hotline.entities` option. */
      hotline?: components["schemas"]["HotlineEntity"][];
    };
    /** @description A company of a multi-company desk: a call whose called number (`X-CX-Called`, else the To user) matches one of `numbers` shows `name`, `greeting` and `template` filled in. */
    HotlineEntity: {
      name: string;
      /** @description Exact numbers, or prefixes ending with `*`; compared by digits and a leading `+`. */
      numbers: string[];
      greeting?: components["schemas"]["Text"];
      /** @description The "display called contact" line: `{entity}`, `{called}`, `{caller}`, `{queue}` are filled in as text. */
      template?: string;
    };
    /**
     * @description Not at all, a sound on the ringer, a desktop notification, or both.
     * @enum {string}
     */
    NotificationMode: "off" | "sound" | "desktop" | "both";
    /** @description How the agent is told of each kind of event: an offer ringing (`ringing`), a missed call, a call transferred to the agent by another agent (`transferRequested`), an answered call that the other side ended (`ended`). Saved with `PUT /me/notifications`. */
    NotificationSettings: {
      ringing: components["schemas"]["NotificationMode"];
      missed: components["schemas"]["NotificationMode"];
      transferRequested: components["schemas"]["NotificationMode"];
      ended: components["schemas"]["NotificationMode"];
    };
    /** @description An agent's unanswered-call notifications: email and SMS, each exception on (no notice for such a call) or off, the numbers that never give a notice, and the agent's time zone for "the same day". */
    UnansweredSettings: {
      email: {
        enabled: boolean;
        to: string;
        attachVCard: boolean;
        /** @description `tel:`, `phone:`, `callto:`, up to 9 letters, digits, `+`, `.` or `-` ending with a colon, or empty for no links. */
        linkPrefix: string;
      };
      sms: {
        enabled: boolean;
        provider: string;
        to: string;
      };
      exceptions: {
        excluded: boolean;
        internal: boolean;
        withheld: boolean;
        "short-ring": boolean;
        "unknown-contact": boolean;
        "same-day": boolean;
        "not-logged-in": boolean;
      };
      exclusions: string[];
      /** @description IANA time zone, e.g. `Europe/Paris`; UTC when absent. */
      timeZone?: string;
      /** @description ISO 3166 region for national numbers, e.g. `FR`. */
      region?: string;
    };
    /** @description One message for a call nobody answered. */
    NotificationRequest: {
      /** @enum {string} */
      channel: "email" | "sms";
      /** @description The call's id in the Banner, for the platform's log. */
      callId?: string;
      message: components["schemas"]["EmailMessage"] | components["schemas"]["SmsMessage"];
    };
    EmailMessage: {
      to: string;
      /** @description The caller's email when known, else the configured sender. */
      from: string;
      subject: string;
      text: string;
      /** @description Every caller value HTML-escaped. */
      html: string;
      attachments: {
          filename: string;
          /** @enum {string} */
          contentType: "text/vcard";
          /** @description The file's text (UTF-8). */
          content: string;
        }[];
    };
    SmsMessage: {
      provider: string;
      to: string;
      /** @description The caller's number (empty when withheld). */
      from: string;
      text: string;
    };
    /** @description The agent's voice mailbox: whether a new message is also sent by email, and to which address. Shown in the Banner's Voicemail region. */
    Mailbox: {
      emailNotification: boolean;
      /** Format: email */
      email?: string;
    };
    StatusRequest: {
      status: components["schemas"]["Status"];
      reason?: components["schemas"]["Text"];
      interactionId?: components["schemas"]["Id"];
    };
    StatusAnswer: {
      status: components["schemas"]["Status"];
      reason?: components["schemas"]["Text"];
      since: components["schemas"]["Time"];
    };
    Caller: {
      number: components["schemas"]["Text"];
      name?: components["schemas"]["Text"];
    };
    QueueRef: {
      id: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
    };
    PoolEntry: {
      interactionId: components["schemas"]["Id"];
      queue: components["schemas"]["QueueRef"];
      caller: components["schemas"]["Caller"];
      waitingSince: components["schemas"]["Time"];
      /** @enum {string} */
      state: "waiting" | "offered" | "handling";
      agent?: {
        id: components["schemas"]["Id"];
        name: components["schemas"]["Text"];
      };
    };
    Pool: components["schemas"]["PoolEntry"][];
    TakeAnswer: {
      interactionId: components["schemas"]["Id"];
    };
    Interaction: {
      id: components["schemas"]["Id"];
      queue?: components["schemas"]["QueueRef"];
      caller: components["schemas"]["Caller"];
      /** @description The path taken in the routing tree (IVR). */
      route: components["schemas"]["Text"][];
      /** @description Variables collected by the IVR, by name. */
      data: {
        [key: string]: components["schemas"]["Text"];
      };
      agent?: {
        id: components["schemas"]["Id"];
        extension: components["schemas"]["Id"];
      };
    };
    FormField: {
      name: components["schemas"]["Id"];
      label: components["schemas"]["Text"];
      /** @enum {string} */
      type: "text" | "textarea" | "select" | "checkbox";
      options?: components["schemas"]["Text"][];
      required?: boolean;
    };
    QueueForm: {
      fields: components["schemas"]["FormField"][];
      tags: components["schemas"]["Text"][];
    };
    WrapUpRequest: {
      /** @description The form's values by field name (text, or a checkbox's boolean). */
      values: {
        [key: string]: string | boolean;
      };
      tags: components["schemas"]["Text"][];
      contactId?: components["schemas"]["Id"];
      caseId?: components["schemas"]["Id"];
    };
    WrapUpSaved: {
      /** @constant */
      saved: true;
    };
    WrapUpInvalid: {
      /** @constant */
      code: "invalid";
      message: components["schemas"]["Text"];
      /** @description A message per refused field name. */
      fields: {
        [key: string]: components["schemas"]["Text"];
      };
    };
    WrapUpExtendRequest: {
      seconds: number;
    };
    WrapUpTime: {
      endsAt: components["schemas"]["Time"];
      totalSeconds: components["schemas"]["Seconds"];
    };
    WrapUpEvent: {
      interactionId: components["schemas"]["Id"];
      endsAt: components["schemas"]["Time"];
      totalSeconds: components["schemas"]["Seconds"];
    };
    MissedCall: {
      id: components["schemas"]["Id"];
      at: components["schemas"]["Time"];
      caller: components["schemas"]["Caller"];
      /** @enum {string} */
      reason: "no-answer" | "declined" | "caller-hung-up";
      processed: boolean;
    };
    Voicemail: {
      id: components["schemas"]["Id"];
      at: components["schemas"]["Time"];
      caller: components["schemas"]["Caller"];
      /** @description Seconds. */
      duration: number;
      transcription?: string;
      heard: boolean;
      /** @description Where the audio is; fetched with the bearer token. */
      audioUrl: string;
    };
    DirectoryEntry: {
      /** @enum {string} */
      kind: "user" | "queue" | "routing" | "contact";
      id: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
      /** @description What to dial or transfer to (extension, number or SIP URI). */
      target: components["schemas"]["Text"];
    };
    /** @description A person or company the agent talks with (a caller's card). */
    Contact: {
      id?: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
      email?: string;
      organization?: components["schemas"]["Text"];
      numbers?: string[];
    };
    PlatformUser: {
      id: components["schemas"]["Id"];
      name: components["schemas"]["Text"];
      role: components["schemas"]["Role"];
      permissions: components["schemas"]["Id"][];
    };
    Recording: {
      id: components["schemas"]["Id"];
      url: string;
    };
    /** @description The JSON in an event's `data:` line; which one is named by its `event:` line (see `x-cx-events` of `GET /events`). */
    PlatformEventData: components["schemas"]["Pool"] | components["schemas"]["StatusAnswer"] | components["schemas"]["WrapUpEvent"] | components["schemas"]["MissedCall"] | components["schemas"]["Voicemail"];
  };
  responses: {
    /** @description The request was not valid. */
    BadRequest: {
      content: {
        "application/json": components["schemas"]["Error"];
      };
    };
    /** @description The token is missing, expired or not valid. */
    Unauthorized: {
      content: {
        "application/json": components["schemas"]["Error"];
      };
    };
    /** @description No such object. */
    NotFound: {
      content: {
        "application/json": components["schemas"]["Error"];
      };
    };
    /** @description The platform cannot answer now; the Banner retries idempotent requests. */
    Unavailable: {
      headers: {
        /** @description Seconds to wait before retrying. */
        "Retry-After"?: number;
      };
      content: {
        "application/json": components["schemas"]["Error"];
      };
    };
  };
  parameters: {
    /**
     * @description The object's id.
     * @example i-42
     */
    IdInPath: components["schemas"]["Id"];
    /**
     * @description The interaction's id (the pool's, `X-CX-Interaction-Id`).
     * @example i-42
     */
    InteractionIdInPath: components["schemas"]["Id"];
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export interface operations {

  /**
   * The signed-in agent
   * @description The agent's profile, rights, pause reasons and queues.
   */
  getMe: {
    responses: {
      /** @description The agent. */
      200: {
        content: {
          "application/json": components["schemas"]["Me"];
        };
      };
      401: components["responses"]["Unauthorized"];
      503: components["responses"]["Unavailable"];
    };
  };
  /**
   * Change the agent's status
   * @description Sets the agent available, paused (with a reason), in post-interaction or offline.
   */
  setStatus: {
    requestBody: {
      content: {
        /**
         * @example {
         *   "status": "paused",
         *   "reason": "Lunch"
         * }
         */
        "application/json": components["schemas"]["StatusRequest"];
      };
    };
    responses: {
      /** @description The agent's status now. */
      200: {
        content: {
          "application/json": components["schemas"]["StatusAnswer"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * Save the agent's notification settings
   * @description How the agent is told of each kind of event (docs/notifications.md),
   * as the agent chose them in the Banner's settings: the whole object
   * each time. `GET /me` gives them back in `notifications`.
   *
   * Optional: a platform that does not keep them answers `404`, and the
   * Banner keeps them in the browser only (one entry per agent address).
   */
  setNotifications: {
    requestBody: {
      content: {
        /**
         * @example {
         *   "ringing": "both",
         *   "missed": "desktop",
         *   "transferRequested": "both",
         *   "ended": "off"
         * }
         */
        "application/json": components["schemas"]["NotificationSettings"];
      };
    };
    responses: {
      /** @description The settings saved. */
      200: {
        content: {
          "application/json": components["schemas"]["NotificationSettings"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * The agent's unanswered-call notification settings
   * @description Whether and how the agent is told of a call nobody answered, by email
   * and by SMS, and the exceptions (docs/unanswered-calls.md). The
   * platform uses the same settings to notify agents who are not logged
   * in. A platform that does not keep them answers `404`: the Banner
   * keeps them in the browser only (one entry per agent address).
   */
  getUnansweredSettings: {
    responses: {
      /** @description The saved settings. */
      200: {
        content: {
          "application/json": components["schemas"]["UnansweredSettings"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Save the agent's unanswered-call notification settings
   * @description The whole object each time, as the agent chose it in the Banner.
   */
  setUnansweredSettings: {
    requestBody: {
      content: {
        /**
         * @example {
         *   "email": {
         *     "enabled": true,
         *     "to": "agent@example.com",
         *     "attachVCard": true,
         *     "linkPrefix": "tel:"
         *   },
         *   "sms": {
         *     "enabled": true,
         *     "provider": "sim",
         *     "to": "+33700000000"
         *   },
         *   "exceptions": {
         *     "excluded": true,
         *     "internal": true,
         *     "withheld": true,
         *     "short-ring": true,
         *     "unknown-contact": false,
         *     "same-day": true,
         *     "not-logged-in": true
         *   },
         *   "exclusions": [
         *     "+33123456789"
         *   ],
         *   "timeZone": "Europe/Paris"
         * }
         */
        "application/json": components["schemas"]["UnansweredSettings"];
      };
    };
    responses: {
      /** @description The settings saved. */
      200: {
        content: {
          "application/json": components["schemas"]["UnansweredSettings"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Deliver an unanswered-call notification
   * @description An email or an SMS that the Banner composed with `@cx/core/unanswered`
   * for a call nobody answered; the platform sends it through its mail
   * server or SMS provider. Values are the caller's (untrusted): the
   * platform sends them as they are, it does not render them.
   */
  sendNotification: {
    requestBody: {
      content: {
        "application/json": components["schemas"]["NotificationRequest"];
      };
    };
    responses: {
      /** @description Accepted for delivery. */
      202: {
        content: {
          "application/json": {
            id: components["schemas"]["Id"];
          };
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * The pool
   * @description Every interaction waiting in, offered from or handled from the agent's queues.
   */
  getPool: {
    responses: {
      /** @description The pool's entries. */
      200: {
        content: {
          "application/json": components["schemas"]["Pool"];
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * Take a call from the pool
   * @description Asks the ACD to send this interaction to the agent; the INVITE follows
   * (with `X-CX-Interaction-Id`) and the Banner answers it at once. Not
   * idempotent: the Banner never repeats it on its own.
   */
  takeInteraction: {
    parameters: {
      path: {
        interactionId: components["parameters"]["InteractionIdInPath"];
      };
    };
    responses: {
      /** @description The ACD is sending the call to the agent. */
      202: {
        content: {
          "application/json": components["schemas"]["TakeAnswer"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
      /** @description Another agent took the call first. */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * One interaction
   * @description The caller, queue, IVR route and collected data of an interaction.
   */
  getInteraction: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    responses: {
      /** @description The interaction. */
      200: {
        content: {
          "application/json": components["schemas"]["Interaction"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Save the wrap-up
   * @description Saves the post-interaction form's values, the tags and the links to a contact or a case.
   */
  saveWrapUp: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    requestBody: {
      content: {
        /**
         * @example {
         *   "values": {
         *     "outcome": "Sale",
         *     "callback": false
         *   },
         *   "tags": [
         *     "vip"
         *   ],
         *   "contactId": "c-9"
         * }
         */
        "application/json": components["schemas"]["WrapUpRequest"];
      };
    };
    responses: {
      /** @description Saved. */
      200: {
        content: {
          "application/json": components["schemas"]["WrapUpSaved"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
      /** @description Some values were refused; `fields` gives a message per field name. */
      422: {
        content: {
          "application/json": components["schemas"]["WrapUpInvalid"];
        };
      };
    };
  };
  /**
   * Extend the post-interaction time
   * @description Adds seconds to the post-interaction time; answers when it now ends.
   */
  extendWrapUp: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    requestBody: {
      content: {
        /**
         * @example {
         *   "seconds": 30
         * }
         */
        "application/json": components["schemas"]["WrapUpExtendRequest"];
      };
    };
    responses: {
      /** @description The post-interaction time now. */
      200: {
        content: {
          "application/json": components["schemas"]["WrapUpTime"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Upload a recording
   * @description Stores a recording of the interaction (Opus in Ogg or WebM); answers where it is kept.
   */
  uploadRecording: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    requestBody: {
      content: {
        /** @example OggS */
        "audio/ogg": string;
        /** @example webm */
        "audio/webm": string;
      };
    };
    responses: {
      /** @description Stored. */
      201: {
        content: {
          "application/json": components["schemas"]["Recording"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
      /** @description The recording is larger than the platform accepts. */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * A queue's post-interaction form
   * @description The fields and the tags the agent fills in after a call from this queue.
   */
  getQueueForm: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    responses: {
      /** @description The form. */
      200: {
        content: {
          "application/json": components["schemas"]["QueueForm"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Missed calls
   * @description The calls the agent missed, newest first.
   */
  getMissedCalls: {
    responses: {
      /** @description The missed calls. */
      200: {
        content: {
          "application/json": components["schemas"]["MissedCall"][];
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * Mark a missed call processed
   * @description Idempotent; marking it again changes nothing.
   */
  markMissedCallProcessed: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    responses: {
      /** @description Marked. */
      204: {
        content: never;
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Voicemails
   * @description The agent's voicemails, newest first. `audioUrl` is fetched with the same bearer token.
   */
  getVoicemails: {
    responses: {
      /** @description The voicemails. */
      200: {
        content: {
          "application/json": components["schemas"]["Voicemail"][];
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * Mark a voicemail heard
   * @description Idempotent; marking it again changes nothing.
   */
  markVoicemailHeard: {
    parameters: {
      path: {
        id: components["parameters"]["IdInPath"];
      };
    };
    responses: {
      /** @description Marked. */
      204: {
        content: never;
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * Search transfer destinations
   * @description Users, queues, routings and contacts whose name or target matches the text.
   */
  searchDirectory: {
    parameters: {
      query: {
        /**
         * @description The text typed by the agent (may be empty).
         * @example ann
         */
        q: string;
      };
    };
    responses: {
      /** @description The matching destinations. */
      200: {
        content: {
          "application/json": components["schemas"]["DirectoryEntry"][];
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * Contacts with a phone number
   * @description The platform's contacts that have this phone number, best match first (the phone names a caller with the first one). Compare numbers in E.164 form where they parse. An unknown number gives an empty list.
   */
  searchContacts: {
    parameters: {
      query: {
        /**
         * @description The other party's number, as it came in the call (E.164 when the PBX sends it so).
         * @example +33612345678
         */
        number: string;
      };
    };
    responses: {
      /** @description The matching contacts (at most a few). */
      200: {
        content: {
          "application/json": components["schemas"]["Contact"][];
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  /**
   * A user by extension
   * @description Another user's role and permissions (who may monitor the agent's calls).
   */
  getUser: {
    parameters: {
      path: {
        /**
         * @description The user's extension.
         * @example 1002
         */
        extension: string;
      };
    };
    responses: {
      /** @description The user. */
      200: {
        content: {
          "application/json": components["schemas"]["PlatformUser"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
    };
  };
  /**
   * The event stream
   * @description Server-sent events (`text/event-stream`). Each message has an `event:`
   * line naming its type, an `id:` line and one `data:` line holding JSON:
   *
   * | event | data |
   * |---|---|
   * | `pool` | the whole pool, `PoolEntry[]` |
   * | `status` | `StatusAnswer` (the agent's status changed) |
   * | `wrap-up` | `WrapUpEvent` (post-interaction time started or changed) |
   * | `missed-call` | `MissedCall` (a new or changed missed call) |
   * | `voicemail` | `Voicemail` (a new or changed voicemail) |
   *
   * `x-cx-events` maps each event type to its data schema. The Banner
   * reads the stream with `fetch` (so that it can send the bearer token),
   * skips events it does not know or whose data does not match, and
   * reconnects after a dropped stream with `Last-Event-ID` set to the
   * last `id:` it received; the platform then sends what happened since
   * (or a fresh `pool` event). A `retry:` line sets the reconnection delay
   * in milliseconds. Lines starting with `:` are comments (keep-alives).
   */
  getEvents: {
    parameters: {
      header?: {
        /**
         * @description The `id` of the last event received, when the Banner reconnects.
         * @example 17
         */
        "Last-Event-ID"?: string;
      };
    };
    responses: {
      /** @description The stream; it stays open. */
      200: {
        content: {
          "text/event-stream": string;
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
}
