// The chat model (messages, replies, reply markup, platform accounts) is its own target so that adapters depend on
// it and not on the core. It is re-exported here so that every module importing AssistantCore keeps seeing those
// types without an extra import of its own.
@_exported public import ChatModel
