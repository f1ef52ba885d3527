/* pd-deadline-notifier.c: desktop notifications before case deadlines
 *
 * Once a day, the cases whose next deadline (their own or their checklist's) falls
 * within the configured number of days, or has passed, are announced: the most urgent
 * each in a notification of its own, the rest in one summary, so a large employer's
 * desk is not buried. The day of the last reminder is kept in the settings, so
 * starting the app twice does not remind twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-deadline-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-deadline-notifier.h"
#include "pd-model.h"

/* The first check waits until the user has settled in the window; then every hour,
 * so a day that begins while the app runs gets its reminder. */
#define FIRST_CHECK_SECONDS    60
#define CHECK_INTERVAL_SECONDS (60 * 60)

struct _PdDeadlineNotifier
{
  GObject       parent_instance;

  GApplication *application;
  GSettings    *settings;
  GListModel   *cases;
  PdCaseIndex  *index;
  guint         first_id;
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (PdDeadlineNotifier, pd_deadline_notifier, G_TYPE_OBJECT)

typedef struct {
  PdCase *item;
  int     days;
} DueCase;

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const DueCase *x = a, *y = b;

  return (x->days > y->days) - (x->days < y->days);
}

static char *
describe_days (int days)
{
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", -days), -days);
  if (days == 0)
    return g_strdup (_("due today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", days), days);
}

static void
send_single (PdDeadlineNotifier *self,
             const DueCase      *due,
             const GDate        *deadline)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *when = describe_days (due->days);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("deadline-%s", pd_case_get_id (due->item));
  char date[32];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", deadline);
  /* Translators: "Deadline 3 days overdue" / "Deadline due in 5 days" */
  title = g_strdup_printf (_("Deadline %s"), when);
  /* No name: notifications show on the lock screen and stay in the history of a shared
   * desk. The case opens with a click. */
  /* Translators: case kind, city and date, e.g. "Renewal in Shanghai, 2026-12-03" */
  body = g_strdup_printf (_("%s in %s, %s"), pd_case_kind_to_label (pd_case_get_kind (due->item)),
                          pd_case_get_city (due->item) && *pd_case_get_city (due->item)
                          ? pd_case_get_city (due->item) : _("an unknown city"), date);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, due->days < 0 ? G_NOTIFICATION_PRIORITY_HIGH
                                                            : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.show-case", "s",
                                                pd_case_get_id (due->item));
  g_application_send_notification (self->application, id, notification);
}

static void
send_summary (PdDeadlineNotifier *self,
              guint               n_more,
              int                 days)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u more case has a deadline within %d days",
                                        "%u more cases have a deadline within %d days", n_more),
                           n_more, days);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open Cases to see them all."));
  g_notification_set_default_action_and_target (notification, "app.show-view", "s", "cases");
  g_application_send_notification (self->application, "deadlines", notification);
}

/**
 * pd_deadline_notifier_check:
 * @today: the day to remind for
 *
 * Returns: how many cases were announced (0 when already done for @today, or when
 *   reminders are off)
 */
guint
pd_deadline_notifier_check (PdDeadlineNotifier *self,
                            const GDate        *today)
{
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (DueCase));
  g_autofree char *last = NULL;
  int window = 0;
  char today_text[32];
  guint n;

  g_return_val_if_fail (PD_IS_DEADLINE_NOTIFIER (self), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  window = g_settings_get_int (self->settings, "reminder-days");
  g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
  last = g_settings_get_string (self->settings, "last-reminder-date");
  if (window <= 0 || g_str_equal (last, today_text))
    return 0;

  n = g_list_model_get_n_items (self->cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (self->cases, i);
      const PdCaseSummary *summary = pd_case_index_get (self->index, item);
      DueCase entry;

      if (!summary->open || !g_date_valid (&summary->next_deadline))
        continue;

      entry.days = pd_case_days_until (&summary->next_deadline, today);
      if (entry.days > window)
        continue;

      entry.item = item;
      g_array_append_val (due, entry);
    }

  g_array_sort (due, compare_due);
  for (guint i = 0; i < MIN (due->len, PD_DEADLINE_NOTIFIER_MAX_SINGLE); i++)
    {
      DueCase *entry = &g_array_index (due, DueCase, i);

      send_single (self, entry, &pd_case_index_get (self->index, entry->item)->next_deadline);
    }
  if (due->len > PD_DEADLINE_NOTIFIER_MAX_SINGLE)
    send_summary (self, due->len - PD_DEADLINE_NOTIFIER_MAX_SINGLE, window);

  g_settings_set_string (self->settings, "last-reminder-date", today_text);
  return due->len;
}

static gboolean
on_check_timeout_cb (gpointer user_data)
{
  PdDeadlineNotifier *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pd_deadline_notifier_check (self, &today);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_check_cb (gpointer user_data)
{
  PdDeadlineNotifier *self = user_data;

  self->first_id = 0;
  on_check_timeout_cb (self);
  return G_SOURCE_REMOVE;
}

void
pd_deadline_notifier_start (PdDeadlineNotifier *self)
{
  g_return_if_fail (PD_IS_DEADLINE_NOTIFIER (self));

  if (self->timeout_id != 0)
    return;

  self->first_id = g_timeout_add_seconds (FIRST_CHECK_SECONDS, on_first_check_cb, self);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_check_timeout_cb, self);
}

static void
pd_deadline_notifier_dispose (GObject *object)
{
  PdDeadlineNotifier *self = PD_DEADLINE_NOTIFIER (object);

  g_clear_handle_id (&self->first_id, g_source_remove);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->cases);
  g_clear_object (&self->index);
  self->application = NULL;

  G_OBJECT_CLASS (pd_deadline_notifier_parent_class)->dispose (object);
}

static void
pd_deadline_notifier_class_init (PdDeadlineNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_deadline_notifier_dispose;
}

static void
pd_deadline_notifier_init (PdDeadlineNotifier *self)
{
}

/* @application is not referenced: the application owns the notifier. */
PdDeadlineNotifier *
pd_deadline_notifier_new (GApplication *application,
                          GSettings    *settings,
                          GListModel   *cases,
                          PdCaseIndex  *index)
{
  PdDeadlineNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);
  g_return_val_if_fail (index != NULL, NULL);

  self = g_object_new (PD_TYPE_DEADLINE_NOTIFIER, NULL);
  self->application = application;
  self->settings = g_object_ref (settings);
  self->cases = g_object_ref (cases);
  self->index = g_object_ref (index);
  return self;
}
