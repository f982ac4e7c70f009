export { decideNotifications, type NotificationContext, type NotificationKind, type SeatwiseNotification } from './decide.js';
export { NotificationCenter, type NotificationCenterOptions, type NotificationStore } from './center.js';
