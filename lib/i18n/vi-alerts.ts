import type { enAlerts } from "./en-alerts";

// Bản dịch tiếng Việt cho các cảnh báo và lý do sẵn sàng failover. Spread into vi-diagnostics.ts;
// `satisfies` fails when a key of en-alerts.ts is missing here.

export const viAlerts = {
  "alert.no_data.title": "Chưa có dữ liệu",
  "alert.no_data.explanation": "Chưa có node nào của cụm này trả lời dashboard.",
  "alert.no_data.explanation.error":
    "Chưa có node nào của cụm này trả lời dashboard; lần thử gần nhất thất bại: {error}.",
  "alert.no_data.check":
    "URL của các node trong cấu hình dashboard có đúng không, và từ máy chạy dashboard có tới được cổng REST API không.",
  "alert.stale.title": "Dữ liệu đã cũ",
  "alert.stale.explanation":
    "Không node nào trả lời quá hai chu kỳ thăm dò: thông tin hiển thị có thể đã lỗi thời.",
  "alert.stale.check": "Log của chính dashboard, và đường mạng giữa dashboard với các node.",
  "alert.no_leader.title": "Không có leader",
  "alert.no_leader.explanation":
    "Không member nào giữ khóa leader: mọi thao tác ghi thất bại cho đến khi Patroni bầu leader mới.",
  "alert.no_leader.explanation.unlocked":
    "/cluster vẫn ghi tên một leader, nhưng mọi node trả lời đều báo cluster_unlocked: không node nào thấy khóa leader trong DCS, nên thao tác ghi có thể thất bại.",
  "alert.no_leader.check":
    '`patronictl list`, và log Patroni của các bản sao ("following a different leader", "not the healthiest node"). Ở chế độ đồng bộ, chỉ bản sao đồng bộ (sync standby) mới được nâng lên.',
  "alert.failover_pending.title": "Leader sập, đang chờ failover",
  "alert.failover_pending.explanation":
    "DCS vẫn ghi {member} là leader, nhưng REST API của nó không trả lời ({error}). Patroni sẽ nâng một bản sao lên khi khóa leader hết hạn (ttl {ttlSeconds}).",
  "alert.failover_pending.check":
    "Máy chủ, Patroni và PostgreSQL trên {member} còn chạy không; sau đó theo dõi bản sao nào được nâng lên.",
  "alert.multiple_leaders.title": "Nhiều hơn một leader",
  "alert.multiple_leaders.explanation":
    "{members} đều nhận là primary: tình trạng split brain, dữ liệu ghi có thể rơi vào hai cơ sở dữ liệu khác nhau.",
  "alert.multiple_leaders.check":
    "Node nào đang giữ khóa leader trong DCS (`patronictl list`); dừng ngay PostgreSQL trên node còn lại.",
  "alert.nodes_disagree.title": "Các node không thống nhất về cụm",
  "alert.nodes_disagree.explanation":
    "Kết quả /cluster của các node ghi leader hoặc danh sách member khác nhau ({leaders}): có node đang đọc DCS cũ hoặc một DCS khác.",
  "alert.nodes_disagree.check":
    "Mọi node có dùng cùng địa chỉ DCS và cùng scope không, và tình trạng của chính DCS.",
  "alert.member_missing.title": "Mất member",
  "alert.member_missing.explanation":
    "{member} từng xuất hiện nhưng không còn trong DCS: Patroni trên đó đã dừng hoặc máy chủ bị sập.",
  "alert.member_missing.check": "Patroni có đang chạy trên {member} không, và log của nó.",
  "alert.node_unreachable.title": "Không kết nối được node",
  "alert.node_unreachable.explanation": "REST API của {member} không trả lời lần thăm dò gần nhất ({error}).",
  "alert.node_unreachable.check":
    "Patroni có đang chạy trên node không, và cổng REST API có mở cho dashboard không.",
  "alert.member_not_running.title": "Member không chạy",
  "alert.member_not_running.explanation":
    "PostgreSQL trên {member} không chạy hoặc không sao chép dữ liệu (trạng thái: {state}).",
  "alert.member_not_running.check": "Log Patroni và PostgreSQL trên {member}.",
  "alert.lag_over_threshold.title": "Độ trễ bản sao vượt ngưỡng",
  "alert.lag_over_threshold.explanation":
    "{member} đang trễ {lagBytes} so với leader, vượt {thresholdName} ({thresholdBytes}).",
  "alert.lag_over_threshold.check":
    "Tiến trình nhận WAL của bản sao (`pg_stat_wal_receiver`), đường mạng, cùng đĩa và CPU của nó.",
  "alert.replay_paused.title": "Tạm dừng áp dụng WAL",
  "alert.replay_paused.explanation":
    "{member} vẫn nhận WAL nhưng không áp dụng (pg_wal_replay_pause): dữ liệu của nó ngày càng tụt lại.",
  "alert.replay_paused.check":
    "Ai đã tạm dừng; chạy `SELECT pg_wal_replay_resume()` trên {member} để áp dụng tiếp.",
  "alert.paused.title": "Chế độ bảo trì",
  "alert.paused.explanation":
    "Patroni đang tạm dừng (pause): dù leader gặp sự cố gì, nó cũng không tự động failover.",
  "alert.paused.check": "Việc bảo trì còn đang diễn ra không; chạy `patronictl resume` để kết thúc.",
  "alert.pending_restart.title": "Chờ khởi động lại",
  "alert.pending_restart.explanation":
    "Tham số PostgreSQL đã đổi trên {member} chỉ có hiệu lực sau khi khởi động lại: {changes}.",
  "alert.pending_restart.explanation.unknown":
    "Tham số PostgreSQL đã đổi trên {member} chỉ có hiệu lực sau khi khởi động lại.",
  "alert.pending_restart.check":
    "Lên kế hoạch `patronictl restart` (các bản sao trước, rồi switchover, sau cùng là leader cũ).",
  "alert.timeline_mismatch.title": "Member ở timeline khác",
  "alert.timeline_mismatch.explanation":
    "{member} đang ở timeline {timeline} trong khi leader ở timeline {leaderTimeline}: nó chưa theo kịp lần promote gần nhất.",
  "alert.timeline_mismatch.check": "Log Patroni của {member} (pg_rewind, hoặc reinit nếu rewind thất bại).",
  "alert.no_sync_standby.title": "Không có bản sao đồng bộ",
  "alert.no_sync_standby.explanation":
    "Chế độ đồng bộ đang bật nhưng không bản sao nào là sync standby: giao dịch được xác nhận trước khi kịp sao chép, và Patroni sẽ không failover sang bản sao bất đồng bộ.",
  "alert.no_sync_standby.check":
    "Trạng thái và độ trễ của các bản sao; nếu bật synchronous_mode_strict, thao tác ghi bị chặn cho đến khi có lại bản sao đồng bộ.",
  "alert.dcs_stale.title": "Node mất liên lạc với DCS",
  "alert.dcs_stale.explanation":
    "{member} không đọc được DCS lâu hơn ttl ({ttlSeconds}): nó không thể tham gia bầu leader, và leader nào mất DCS sẽ tự hạ cấp.",
  "alert.dcs_stale.check": "DCS (etcd, Consul…) và đường mạng từ {member} tới đó.",
  "alert.failsafe_active.title": "Đang ở chế độ failsafe",
  "alert.failsafe_active.explanation":
    "{member} không tới được DCS nhưng vẫn chạy vì failsafe mode đang bật và mọi member vẫn trả lời nhau.",
  "alert.failsafe_active.check": "DCS: không thể failover cho đến khi DCS hoạt động trở lại.",
  "alert.api_slow.title": "REST API chậm",
  "alert.api_slow.explanation":
    "REST API của {member} trả lời mất {latencyMs} (giới hạn {timeoutMs}): các worker của nó có thể đang bị treo.",
  "alert.api_slow.explanation.timeout":
    "REST API của {member} không trả lời trong thời gian giới hạn ({timeoutMs}): các worker của nó có thể đang bị treo.",
  "alert.api_slow.check":
    "PostgreSQL trên node có bị treo không, và các client đang chiếm luồng worker REST của Patroni.",

  "readiness.reason.not_in_dcs": "Không có trong DCS",
  "readiness.reason.unreachable": "REST API của nó không trả lời",
  "readiness.reason.not_running": "PostgreSQL không chạy",
  "readiness.reason.not_streaming": "Không nhận WAL (streaming) từ leader",
  "readiness.reason.nofailover": "Có tag nofailover (hoặc failover_priority 0)",
  "readiness.reason.lag_unknown": "Không rõ độ trễ",
  "readiness.reason.lag_over_threshold": "Độ trễ vượt maximum_lag_on_failover",
  "readiness.reason.not_sync_standby": "Không phải bản sao đồng bộ (chế độ đồng bộ chỉ nâng bản sao đồng bộ)",
  "readiness.reason.not_quorum_standby":
    "Không phải bản sao quorum (chế độ quorum chỉ nâng các bản sao quorum)",
  "readiness.reason.timeline_mismatch": "Ở timeline khác với leader",
  "readiness.reason.no_data": "Chưa có dữ liệu",
  "readiness.reason.no_candidate": "Không bản sao nào có thể thay leader",
  "readiness.reason.maintenance_mode": "Chế độ bảo trì: Patroni không failover",
  // Webhook messages (lib/server/notify/message.ts): a chat line in notify.locale.
  "notify.text.alert_opened": "[{severity}] {where}: {title} (từ {since})",
  "notify.text.alert_reminder": "[{severity}] vẫn còn, {where}: {title} (từ {since})",
  "notify.text.alert_resolved": "[ĐÃ HẾT] {where}: {title} (kéo dài {minutes} phút)",
} as const satisfies Record<keyof typeof enAlerts, string>;
