/* pd-case-detail.c: the detail pane of the Cases view
 *
 * Shows every field of one case, grouped as a clerk reads them: who, which permit,
 * where the case stands, its documents and filings. Rebuilt on any change of the case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-case-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-model.h"
#include "pd-application.h"
#include "pd-case-detail.h"
#include "pd-sync-engine.h"
#include "pd-case-event.h"
#include "pd-store.h"

struct _PdCaseDetail
{
  AdwBin                parent_instance;

  PdCase               *case_;
  PdPerson             *person;  /* the case's person, watched for edits */
  PdStore              *store;
  GCancellable         *cancellable;
  gboolean              downloading;
  PdCaseIndex          *index;
  GPtrArray            *rows;  /* (element-type GtkWidget) the rows added to the groups */

  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *demo_label;
  AdwPreferencesGroup  *person_group;
  AdwPreferencesGroup  *permit_group;
  AdwPreferencesGroup  *case_group;
  AdwPreferencesGroup  *documents_group;
  AdwPreferencesGroup  *filings_group;
  AdwPreferencesGroup  *notices_group;
  AdwPreferencesGroup  *timeline_group;
};

G_DEFINE_FINAL_TYPE (PdCaseDetail, pd_case_detail, ADW_TYPE_BIN)

static void rebuild (PdCaseDetail *self);

/* A deadline this close counts as due soon. */
#define DUE_SOON_DAYS 14

static char *
format_deadline (const GDate *deadline,
                 const GDate *today,
                 gboolean    *is_overdue,
                 gboolean    *is_soon)
{
  char buf[32];
  int days;

  *is_overdue = FALSE;
  *is_soon = FALSE;

  if (deadline == NULL || !g_date_valid (deadline))
    return g_strdup (_("No deadline"));

  days = g_date_days_between (today, deadline);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", deadline);

  if (days < 0)
    {
      *is_overdue = TRUE;
      /* Translators: %s is a date, %d a number of days */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d day overdue", "%s · %d days overdue", -days), buf, -days);
    }
  if (days == 0)
    {
      *is_soon = TRUE;
      /* Translators: %s is a date */
      return g_strdup_printf (_("%s · due today"), buf);
    }

  *is_soon = days <= DUE_SOON_DAYS;
  /* Translators: %s is a date, %d a number of days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · in %d day", "%s · in %d days", days), buf, days);
}

static char *
format_date (const GDate *date)
{
  char buf[32];

  if (date == NULL || !g_date_valid (date))
    return g_strdup (_("Not set"));

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static void
add_row (PdCaseDetail        *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value && *value ? value : _("Not set"));
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
add_date_row (PdCaseDetail        *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const GDate         *date)
{
  g_autofree char *text = format_date (date);

  add_row (self, group, title, text);
}

static void
clear_rows (PdCaseDetail *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
fill_person (PdCaseDetail *self,
             PdPerson     *person)
{
  add_row (self, self->person_group, _("Name in Chinese"), pd_person_get_name_zh (person));
  add_row (self, self->person_group, _("Name in Latin letters"), pd_person_get_name_latin (person));
  add_row (self, self->person_group, _("Nationality"), pd_person_get_nationality (person));
  add_row (self, self->person_group, _("Passport number"), pd_person_get_passport_number (person));
  add_date_row (self, self->person_group, _("Date of birth"), pd_person_get_date_of_birth (person));
}

static void
fill_permit (PdCaseDetail *self,
             PdPermit     *permit)
{
  gtk_widget_set_visible (GTK_WIDGET (self->permit_group), permit != NULL);
  if (permit == NULL)
    return;

  add_row (self, self->permit_group, _("Permit number"), pd_permit_get_number (permit));
  add_row (self, self->permit_group, _("Category"),
           pd_permit_category_to_label (pd_permit_get_category (permit)));
  add_date_row (self, self->permit_group, _("Valid from"), pd_permit_get_valid_from (permit));
  add_date_row (self, self->permit_group, _("Valid until"), pd_permit_get_valid_until (permit));
}

static void
fill_case (PdCaseDetail *self,
           PdCase       *case_)
{
  PdEmployer *employer = pd_case_get_employer (case_);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *deadline = NULL;
  GDate today;
  gboolean overdue, soon;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  deadline = format_deadline (pd_case_get_next_deadline (case_), &today, &overdue, &soon);

  add_row (self, self->case_group, _("Status"), pd_case_status_to_label (pd_case_get_status (case_)));
  add_row (self, self->case_group, _("Next deadline"), deadline);
  add_row (self, self->case_group, _("City"), pd_city_to_label (pd_case_get_city (case_)));
  add_row (self, self->case_group, _("Category applied for"),
           pd_permit_category_to_label (pd_case_get_category (case_)));
  add_row (self, self->case_group, _("Employer"), employer ? pd_employer_get_name (employer) : NULL);
  add_row (self, self->case_group, _("Legacy card"),
           pd_case_get_legacy_card (case_) ? _("Yes, not yet upgraded to the e-SSC") : _("No"));
  add_date_row (self, self->case_group, _("Submitted on"), pd_case_get_submitted_on (case_));
  add_row (self, self->case_group, _("Notes"), pd_case_get_notes (case_));
}

static void
add_widget_row (PdCaseDetail        *self,
                AdwPreferencesGroup *group,
                GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

/* Each document with its own state and what the checklist of the case says
 * about it; then what the checklist still misses. */
static void
fill_documents (PdCaseDetail *self,
                GListModel   *documents,
                PdChecklist  *checklist)
{
  guint n = g_list_model_get_n_items (documents);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);
      const char *title = pd_document_get_title (document);
      const PdChecklistItem *item = NULL;
      g_autofree char *value = NULL;

      if (checklist != NULL && pd_document_get_kind (document) != NULL)
        item = pd_checklist_find_item (checklist, pd_document_get_kind (document));
      if (item != NULL)
        g_hash_table_add (listed, (gpointer) item->key);
      /* Translators: a document's own state · what the checklist says of it */
      value = item ? g_strdup_printf (_("%s · checklist: %s"),
                                      pd_document_state_to_label (pd_document_get_state (document)),
                                      pd_checklist_item_state_describe (item->state))
                   : g_strdup (pd_document_state_to_label (pd_document_get_state (document)));
      add_row (self, self->documents_group, title && *title ? title : pd_document_get_kind (document), value);
    }

  for (guint i = 0; checklist != NULL && i < pd_checklist_get_n_items (checklist); i++)
    {
      const PdChecklistItem *item = pd_checklist_get_item (checklist, i);

      if (item->required && !g_hash_table_contains (listed, item->key) &&
          item->state != PD_CHECKLIST_ITEM_OK && item->state != PD_CHECKLIST_ITEM_PROVIDED)
        add_row (self, self->documents_group, item->title, pd_checklist_item_state_describe (item->state));
    }
}

static void
on_filing_done_toggled_cb (GtkCheckButton *check,
                           PdCaseDetail   *self)
{
  PdFiling *filing = g_object_get_data (G_OBJECT (check), "pd-filing");
  g_autoptr(PdCase) copy = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *filings;
  gboolean done = gtk_check_button_get_active (check);

  if (self->store == NULL || self->case_ == NULL || pd_filing_get_done (filing) == done)
    return;

  /* Saved as a copy so that a failed save leaves the case as it was. */
  copy = pd_case_copy (self->case_);
  filings = pd_case_get_filings (copy);
  for (guint i = 0; i < g_list_model_get_n_items (filings); i++)
    {
      g_autoptr(PdFiling) copied = g_list_model_get_item (filings, i);

      if (g_str_equal (pd_filing_get_id (copied), pd_filing_get_id (filing)))
        pd_filing_set_done (copied, done);
    }

  if (!pd_store_save_case (self->store, copy, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *message = g_strdup_printf (_("The filing was not saved: %s"), error->message);

      /* Shown, never logged: the message may quote the person's data. */
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
      gtk_check_button_set_active (check, !done);
    }
}

static void
fill_filing_requirement (PdCaseDetail *self,
                         PdChecklist  *checklist)
{
  const PdFilingRequirement *filing = checklist ? pd_checklist_get_filing (checklist) : NULL;
  g_autoptr(GString) bring = g_string_new (NULL);

  if (filing == NULL)
    return;

  for (guint i = 0; filing->bring != NULL && i < filing->bring->len; i++)
    g_string_append_printf (bring, "%s• %s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (filing->bring, i));
  add_row (self, self->filings_group, _("Where"), filing->address ? filing->address : filing->office);
  add_row (self, self->filings_group, _("What to bring"), bring->str);
}

static void
fill_filings (PdCaseDetail *self,
              GListModel   *filings,
              PdChecklist  *checklist)
{
  guint n = g_list_model_get_n_items (filings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdFiling) filing = g_list_model_get_item (filings, i);
      GDateTime *appointment = pd_filing_get_appointment (filing);
      g_autofree char *when = appointment ? g_date_time_format (appointment, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *value = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_Done"));

      /* Translators: a filing: "office · appointment time" */
      value = g_strdup_printf (_("%s · %s"),
                               pd_filing_get_office (filing) ? pd_filing_get_office (filing) : "",
                               when ? when : _("No appointment"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_filing_get_city (filing) ? pd_city_to_label (pd_filing_get_city (filing)) : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), pd_filing_get_done (filing));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "pd-filing", g_object_ref (filing), g_object_unref);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_filing_done_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      add_widget_row (self, self->filings_group, row);
    }

  fill_filing_requirement (self, checklist);
  gtk_widget_set_visible (GTK_WIDGET (self->filings_group), n > 0 || (checklist && pd_checklist_get_filing (checklist)));
}

static PdDocument *
find_document (GListModel *documents,
               const char *kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (pd_document_get_kind (document), kind) == 0)
        return g_steal_pointer (&document);
    }

  return NULL;
}

/* The engine of the application this pane's window belongs to. */
static PdSyncEngine *
get_sync_engine (PdCaseDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return PD_IS_APPLICATION (app) ? pd_application_get_sync_engine (PD_APPLICATION (app)) : NULL;
}

/* The portal issues the two documents once a case is approved. */
static gboolean
can_download_notices (PdCaseDetail *self)
{
  PdCaseStatus status = pd_case_get_status (self->case_);
  PdCase *case_ = self->case_;

  return !self->downloading && get_sync_engine (self) != NULL && pd_case_get_remote_id (case_) != NULL &&
         (status == PD_CASE_STATUS_APPROVED || status == PD_CASE_STATUS_FILING_REQUIRED ||
          status == PD_CASE_STATUS_FILED || status == PD_CASE_STATUS_COMPLETED);
}

/* The Notice and the Decision: opened when downloaded, else downloaded from the
 * portal for an approved case. */
static void
fill_notices (PdCaseDetail *self,
              GListModel   *documents)
{
  static const struct { const char *kind; const char *title; } notices[] = {
    { "notice", N_("Notification Letter of Work Permit") },
    { "decision", N_("Notification of Decision on Administrative Authorization") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_autoptr(PdDocument) document = find_document (documents, notices[i].kind);
      gboolean here = document != NULL && pd_document_get_file_path (document) != NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name (here ? "document-open-symbolic"
                                                              : "folder-download-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(notices[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   here ? pd_document_state_to_label (pd_document_get_state (document))
                                        : _("Not downloaded yet"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      if (here)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.open-document");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", notices[i].kind);
          gtk_widget_set_tooltip_text (button, _("Open in your PDF viewer"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
        }
      else
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.download-notices");
          gtk_widget_set_tooltip_text (button, can_download_notices (self)
                                               ? _("Download both documents from the portal")
                                               : _("The portal issues this document once the case is approved"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Download"), -1);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_widget_row (self, self->notices_group, row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.download-notices", can_download_notices (self));
}

static void
show_toast (PdCaseDetail *self,
            const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
on_notices_downloaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PdCaseDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pd_sync_engine_download_documents_finish (PD_SYNC_ENGINE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->downloading = FALSE;
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The documents were not downloaded: %s"), error->message);

      show_toast (self, message);
    }
  else
    show_toast (self, _("Both documents were downloaded and kept with the case"));

  /* The buttons change: open what came, or offer the download again. */
  rebuild (self);
}

static void
on_download_notices_activated_cb (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PdCaseDetail *self = PD_CASE_DETAIL (widget);
  PdSyncEngine *engine = get_sync_engine (self);

  if (self->case_ == NULL || engine == NULL)
    return;

  /* One download at a time: both documents land in the same files. */
  self->downloading = TRUE;
  gtk_widget_action_set_enabled (widget, "case.download-notices", FALSE);
  pd_sync_engine_download_documents_async (engine, self->case_, self->cancellable,
                                           on_notices_downloaded_cb, g_object_ref (self));
}

static void
on_open_document_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PdCaseDetail *self = PD_CASE_DETAIL (widget);
  g_autoptr(PdDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (self->case_ == NULL)
    return;

  document = find_document (pd_case_get_documents (self->case_), g_variant_get_string (parameter, NULL));
  if (document == NULL || pd_document_get_file_path (document) == NULL)
    return;

  file = g_file_new_for_path (pd_document_get_file_path (document));
  uri = g_file_get_uri (file);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The document could not be opened: %s"), error->message);

      show_toast (self, message);
    }
}

static void
fill_timeline (PdCaseDetail *self,
               PdCase       *case_)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = self->store ? pd_store_list_case_events (self->store, pd_case_get_id (case_), &error) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), events != NULL && events->len > 0);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      PdCaseEvent *event = g_ptr_array_index (events, events->len - 1 - i);
      g_autoptr(GDateTime) local = g_date_time_to_local (event->at);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autofree char *title = NULL;

      if (event->kind == PD_CASE_EVENT_CREATED)
        /* Translators: the case was created with status %s */
        title = g_strdup_printf (_("Created as “%s”"), pd_case_status_to_label (event->status));
      else if (event->kind == PD_CASE_EVENT_SYNCED)
        title = g_strdup (_("Synchronised with the portal"));
      else
        /* Translators: a status change, from one status to another */
        title = g_strdup_printf (_("%s → %s"), pd_case_status_to_label (event->from_status),
                                 pd_case_status_to_label (event->status));
      add_row (self, self->timeline_group, title, when);
    }
}

static void
rebuild (PdCaseDetail *self)
{
  PdPerson *person;
  g_autoptr(PdChecklist) checklist = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  guint n_rows_before_documents;

  clear_rows (self);

  if (self->case_ == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  person = pd_case_get_person (self->case_);
  name = pd_person_dup_display_name (person);
  /* Translators: case kind · case status */
  subtitle = g_strdup_printf (_("%s · %s"),
                              pd_case_kind_to_label (pd_case_get_kind (self->case_)),
                              pd_case_status_to_label (pd_case_get_status (self->case_)));
  /* Ellipsized beside the buttons (a wrapping label there took their room, GTK
   * 4.8 sizing it for the row's height); the whole name is its tooltip. */
  gtk_label_set_text (self->title_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), pd_case_get_is_demo (self->case_));

  fill_case (self, self->case_);
  fill_person (self, person);
  fill_permit (self, pd_case_get_permit (self->case_));
  n_rows_before_documents = self->rows->len;
  checklist = self->index ? pd_case_index_make_checklist (self->index, self->case_) : NULL;
  fill_documents (self, pd_case_get_documents (self->case_), checklist);
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), self->rows->len > n_rows_before_documents);
  fill_filings (self, pd_case_get_filings (self->case_), checklist);
  fill_notices (self, pd_case_get_documents (self->case_));
  fill_timeline (self, self->case_);

  gtk_stack_set_visible_child_name (self->stack, "case");
}

static void on_case_notify_cb (PdCaseDetail *self);

/* Follows the case's person, which an edit may replace with another object. */
static void
watch_person (PdCaseDetail *self,
              PdPerson     *person)
{
  if (self->person == person)
    return;

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, on_case_notify_cb, self);
  g_set_object (&self->person, person);
  if (self->person != NULL)
    g_signal_connect_object (self->person, "notify", G_CALLBACK (on_case_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
on_case_notify_cb (PdCaseDetail *self)
{
  watch_person (self, self->case_ ? pd_case_get_person (self->case_) : NULL);
  rebuild (self);
}

static void
pd_case_detail_dispose (GObject *object)
{
  PdCaseDetail *self = PD_CASE_DETAIL (object);

  /* No rebuild while the groups go away: only let go of the case and the rows. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  watch_person (self, NULL);
  if (self->case_ != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->case_, on_case_notify_cb, self);
      g_clear_object (&self->case_);
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_func (self->index, rebuild, self);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (pd_case_detail_parent_class)->dispose (object);
}

static void
pd_case_detail_class_init (PdCaseDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_case_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-case-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, demo_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, person_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, permit_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, case_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, documents_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, filings_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, notices_group);
  gtk_widget_class_bind_template_child (widget_class, PdCaseDetail, timeline_group);

  gtk_widget_class_install_action (widget_class, "case.download-notices", NULL, on_download_notices_activated_cb);
  gtk_widget_class_install_action (widget_class, "case.open-document", "s", on_open_document_activated_cb);
}

static void
pd_case_detail_init (PdCaseDetail *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.download-notices", FALSE);
}

void
pd_case_detail_set_case (PdCaseDetail *self,
                         PdCase       *case_)
{
  g_return_if_fail (PD_IS_CASE_DETAIL (self));
  g_return_if_fail (!case_ || PD_IS_CASE (case_));

  if (self->case_ == case_)
    return;

  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_func (self->case_, on_case_notify_cb, self);
  g_set_object (&self->case_, case_);
  if (self->case_ != NULL)
    g_signal_connect_object (self->case_, "notify", G_CALLBACK (on_case_notify_cb), self,
                             G_CONNECT_SWAPPED);

  on_case_notify_cb (self);
}

/* The store gives the timeline and saves filings marked done; the index gives
 * each case its checklist. */
void
pd_case_detail_set_store (PdCaseDetail *self,
                          PdStore      *store,
                          PdCaseIndex  *index)
{
  g_return_if_fail (PD_IS_CASE_DETAIL (self));
  g_return_if_fail (!store || PD_IS_STORE (store));
  g_return_if_fail (!index || PD_IS_CASE_INDEX (index));

  g_set_object (&self->store, store);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_func (self->index, rebuild, self);
  g_set_object (&self->index, index);
  /* A new day or new rules: other deadlines, another checklist. */
  if (index != NULL)
    g_signal_connect_swapped (index, "changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}

PdCase *
pd_case_detail_get_case (PdCaseDetail *self)
{
  g_return_val_if_fail (PD_IS_CASE_DETAIL (self), NULL);

  return self->case_;
}
