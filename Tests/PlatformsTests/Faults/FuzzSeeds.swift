import PreventAssistTesting

/// Recorded-shape payloads for each adapter's poll (the fuzz seeds) and canned answers for its other calls.
enum FuzzSeeds {
    static func isPoll(_ adapter: LoopbackAdapter, _ request: LoopbackHTTPServer.Request) -> Bool {
        switch adapter {
        case .telegram: request.path.contains("/getUpdates")
        case .zulip: request.path.hasPrefix("/api/v1/events")
        case .mattermost: request.path.hasPrefix("/api/v4/channels/") && request.path.contains("/posts")
        case .matrix: request.path.hasPrefix("/_matrix/client/v3/sync")
        case .slack, .teams: request.path.hasPrefix("/v1/updates")
        }
    }

    static func poll(_ adapter: LoopbackAdapter) -> String {
        switch adapter {
        case .telegram:
            #"{"ok": true, "result": [{"update_id": 11, "message": {"message_id": 1, "date": 1795944000, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Sam"}, "text": "hi"}}, {"update_id": 12, "callback_query": {"id": "cbq-1", "from": {"id": 42, "is_bot": false, "first_name": "Sam"}, "data": "1", "message": {"message_id": 2, "date": 1795944000, "chat": {"id": -5, "type": "supergroup"}, "is_topic_message": true, "message_thread_id": 7}}}]}"#
        case .zulip:
            #"{"result": "success", "msg": "", "events": [{"type": "message", "id": 1, "message": {"id": 10, "sender_id": 2, "sender_full_name": "Sam", "sender_email": "sam@x", "type": "private", "display_recipient": [{"id": 1, "email": "bot@zulip.test"}, {"id": 2, "email": "sam@x"}], "content": "hi", "timestamp": 1795944000}, "flags": []}, {"type": "message", "id": 2, "message": {"id": 11, "sender_id": 2, "type": "stream", "stream_id": 3, "subject": "t", "display_recipient": "general", "content": "hello", "timestamp": 1795944001}}, {"type": "heartbeat", "id": 3}]}"#
        case .mattermost:
            #"{"order": ["p1", "p2"], "posts": {"p1": {"id": "p1", "create_at": 1795944000000, "update_at": 1795944000000, "delete_at": 0, "user_id": "u1", "channel_id": "c", "root_id": "", "message": "hi", "type": "", "props": {}}, "p2": {"id": "p2", "create_at": 1795944000001, "user_id": "u1", "channel_id": "c", "root_id": "p1", "message": "again", "props": {"from_bot": "false"}}}}"#
        case .matrix:
            #"{"next_batch": "s2", "rooms": {"join": {"!r:x": {"timeline": {"limited": false, "prev_batch": "p1", "events": [{"type": "m.room.message", "event_id": "$a", "sender": "@sam:x", "origin_server_ts": 1795944000000, "content": {"msgtype": "m.text", "body": "hi", "m.relates_to": {"rel_type": "m.thread", "event_id": "$root"}}}, {"type": "m.room.encrypted", "event_id": "$e", "sender": "@sam:x", "origin_server_ts": 1795944000000, "content": {}}]}}}, "invite": {"!i:x": {"invite_state": {"events": [{"type": "m.room.member", "sender": "@sam:x", "state_key": "@bot:x", "content": {"membership": "invite", "is_direct": true}}]}}}}}"#
        case .slack:
            #"{"events": [{"seq": 5, "source": "slack", "payload": {"type": "event_callback", "event_id": "Ev1", "event": {"type": "message", "channel": "D1", "channel_type": "im", "user": "U1", "ts": "1795944000.000100", "text": "hi <@UBOT>", "thread_ts": "1795944000.000001"}}}, {"seq": 6, "source": "slack", "payload": {"type": "block_actions", "user": {"id": "U1"}, "actions": [{"value": "1", "action_ts": "1795944001.1"}], "container": {"channel_id": "C1", "message_ts": "1795944000.2"}}}]}"#
        case .teams:
            #"{"events": [{"seq": 5, "source": "teams", "payload": {"type": "message", "id": "a1", "timestamp": "2026-11-30T12:00:00.000Z", "text": "<at>Bot</at> hi &amp; bye", "from": {"id": "29:u", "name": "Sam", "aadObjectId": "aad"}, "conversation": {"id": "a:1", "conversationType": "personal", "tenantId": "t"}, "serviceUrl": "https://smba.example/", "channelData": {"tenant": {"id": "t"}}, "value": {"choice": "2"}}}, {"seq": 6, "source": "teams-webhook", "payload": {"type": "message", "id": "a2", "text": "hello", "from": {"id": "29:u"}, "conversation": {"id": "19:c"}, "serviceUrl": "https://smba.example/"}}]}"#
        }
    }

    static func canned(_ adapter: LoopbackAdapter, _ request: LoopbackHTTPServer.Request) -> String {
        switch adapter {
        case .telegram:
            #"{"ok": true, "result": {"id": 1, "is_bot": true, "first_name": "B", "username": "b", "url": "", "message_id": 5}}"#
        case .zulip:
            #"{"result": "success", "msg": "", "user_id": 1, "is_bot": true, "queue_id": "q1", "last_event_id": -1, "max_message_id": 1, "messages": [], "id": 5}"#
        case .mattermost:
            request.path.hasSuffix("/channels")
                ? #"[{"id": "c", "type": "D", "create_at": 1}]"#
                : #"{"id": "bot", "order": [], "posts": {}}"#
        case .matrix: #"{"user_id": "@bot:x", "filter_id": "1", "event_id": "$x"}"#
        case .slack, .teams: #"{"ok": true, "user_id": "UBOT", "ts": "1.1", "events": []}"#
        }
    }
}
