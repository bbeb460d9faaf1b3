extension InboundMessage {
    /// The UTC day the message was sent; forms read "today" and "yesterday" against it.
    public var day: CalendarDate { CalendarDate(unixSeconds: timestamp) }
}
