/** The filters as the form holds them: text as typed, dates as `YYYY-MM-DD` (local). */
export interface AuditFilterForm {
  action: string;
  actor: string;
  target: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_FILTERS: AuditFilterForm = {
  action: '',
  actor: '',
  target: '',
  fromDate: '',
  toDate: '',
};

const startOfLocalDay = (date: string, plusDays = 0) => {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
};

/** The procedures' filters: the date range covers both days whole, in the browser's zone. */
export function toQueryFilters(form: AuditFilterForm) {
  return {
    ...(form.action.trim() ? { action: form.action.trim() } : {}),
    ...(form.actor.trim() ? { actor: form.actor.trim() } : {}),
    ...(form.target.trim() ? { target: form.target.trim() } : {}),
    ...(form.fromDate ? { from: startOfLocalDay(form.fromDate) } : {}),
    ...(form.toDate ? { to: startOfLocalDay(form.toDate, 1) } : {}),
  };
}
