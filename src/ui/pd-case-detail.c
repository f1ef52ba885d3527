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
#include "pd-case-detail.h"
#include "pd-case-row.h"

struct _PdCaseDetail
{
  AdwBin                parent_instance;

  PdCase               *case_;
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
};

G_DEFINE_FINAL_TYPE (PdCaseDetail, pd_case_detail, ADW_TYPE_BIN)

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
  deadline = pd_format_deadline (pd_case_get_next_deadline (case_), &today, &overdue, &soon);

  add_row (self, self->case_group, _("Status"), pd_case_status_to_label (pd_case_get_status (case_)));
  add_row (self, self->case_group, _("Next deadline"), deadline);
  add_row (self, self->case_group, _("City"), pd_case_get_city (case_));
  add_row (self, self->case_group, _("Category applied for"),
           pd_permit_category_to_label (pd_case_get_category (case_)));
  add_row (self, self->case_group, _("Employer"), employer ? pd_employer_get_name (employer) : NULL);
  add_row (self, self->case_group, _("Legacy card"),
           pd_case_get_legacy_card (case_) ? _("Yes, not yet upgraded to the e-SSC") : _("No"));
  add_date_row (self, self->case_group, _("Submitted on"), pd_case_get_submitted_on (case_));
  add_row (self, self->case_group, _("Notes"), pd_case_get_notes (case_));
}

static void
fill_documents (PdCaseDetail *self,
                GListModel   *documents)
{
  guint n = g_list_model_get_n_items (documents);

  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);
      const char *title = pd_document_get_title (document);

      add_row (self, self->documents_group,
               title && *title ? title : pd_document_get_kind (document),
               pd_document_state_to_label (pd_document_get_state (document)));
    }
}

static void
fill_filings (PdCaseDetail *self,
              GListModel   *filings)
{
  guint n = g_list_model_get_n_items (filings);

  gtk_widget_set_visible (GTK_WIDGET (self->filings_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdFiling) filing = g_list_model_get_item (filings, i);
      GDateTime *appointment = pd_filing_get_appointment (filing);
      g_autofree char *when = appointment ? g_date_time_format (appointment, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *value = NULL;

      /* Translators: a filing: "office · appointment time · Done/Pending" */
      value = g_strdup_printf (_("%s · %s · %s"),
                               pd_filing_get_office (filing) ? pd_filing_get_office (filing) : "",
                               when ? when : _("No appointment"),
                               pd_filing_get_done (filing) ? _("Done") : _("Pending"));
      add_row (self, self->filings_group, pd_filing_get_city (filing), value);
    }
}

static void
rebuild (PdCaseDetail *self)
{
  PdPerson *person;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

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
  gtk_label_set_text (self->title_label, name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), pd_case_get_is_demo (self->case_));

  fill_case (self, self->case_);
  fill_person (self, person);
  fill_permit (self, pd_case_get_permit (self->case_));
  fill_documents (self, pd_case_get_documents (self->case_));
  fill_filings (self, pd_case_get_filings (self->case_));

  gtk_stack_set_visible_child_name (self->stack, "case");
}

static void
on_case_notify_cb (PdCaseDetail *self)
{
  rebuild (self);
}

static void
pd_case_detail_dispose (GObject *object)
{
  PdCaseDetail *self = PD_CASE_DETAIL (object);

  /* No rebuild while the groups go away: only let go of the case and the rows. */
  if (self->case_ != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->case_, on_case_notify_cb, self);
      g_signal_handlers_disconnect_by_func (pd_case_get_person (self->case_), on_case_notify_cb, self);
      g_clear_object (&self->case_);
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);

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
}

static void
pd_case_detail_init (PdCaseDetail *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
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
    {
      g_signal_handlers_disconnect_by_func (self->case_, on_case_notify_cb, self);
      g_signal_handlers_disconnect_by_func (pd_case_get_person (self->case_), on_case_notify_cb, self);
    }
  g_set_object (&self->case_, case_);
  if (self->case_ != NULL)
    {
      g_signal_connect_object (self->case_, "notify", G_CALLBACK (on_case_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pd_case_get_person (self->case_), "notify",
                               G_CALLBACK (on_case_notify_cb), self, G_CONNECT_SWAPPED);
    }

  rebuild (self);
}

PdCase *
pd_case_detail_get_case (PdCaseDetail *self)
{
  g_return_val_if_fail (PD_IS_CASE_DETAIL (self), NULL);

  return self->case_;
}
