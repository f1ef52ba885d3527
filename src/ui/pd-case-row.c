/* pd-case-row.c: one case in the Cases list
 *
 * The row follows its case and person through notify, so an edit shows at once
 * without the list rebuilding its rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-case-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-model.h"
#include "pd-case-row.h"

/* A deadline this close counts as due soon. */
#define DUE_SOON_DAYS 14

struct _PdCaseRow
{
  GtkWidget  parent_instance;

  PdCase    *case_;
  PdPerson  *person;

  GtkLabel  *name_label;
  GtkLabel  *details_label;
  GtkLabel  *deadline_label;
};

G_DEFINE_FINAL_TYPE (PdCaseRow, pd_case_row, GTK_TYPE_WIDGET)

char *
pd_format_deadline (const GDate *deadline,
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

static void
update_name (PdCaseRow *self)
{
  g_autofree char *name = pd_person_dup_display_name (self->person);

  gtk_label_set_text (self->name_label, name);
}

static void
update_details (PdCaseRow *self)
{
  g_autofree char *details = NULL;
  const char *city = pd_case_get_city (self->case_);

  /* Translators: case kind · case status · city, e.g. "Renewal · Submitted · Shanghai" */
  details = g_strdup_printf (_("%s · %s · %s"),
                             pd_case_kind_to_label (pd_case_get_kind (self->case_)),
                             pd_case_status_to_label (pd_case_get_status (self->case_)),
                             city && *city ? city : _("No city"));
  gtk_label_set_text (self->details_label, details);
}

static void
update_deadline (PdCaseRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  GDate today;
  gboolean overdue, soon;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  text = pd_format_deadline (pd_case_get_next_deadline (self->case_), &today, &overdue, &soon);
  gtk_label_set_text (self->deadline_label, text);

  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "error");
  else if (soon)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
}

static void
update_accessible_label (PdCaseRow *self)
{
  g_autofree char *label = g_strdup_printf ("%s, %s, %s",
                                            gtk_label_get_text (self->name_label),
                                            gtk_label_get_text (self->details_label),
                                            gtk_label_get_text (self->deadline_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
on_person_notify_cb (PdCaseRow  *self,
                     GParamSpec *pspec,
                     PdPerson   *person)
{
  update_name (self);
  update_accessible_label (self);
}

static void
set_person (PdCaseRow *self,
            PdPerson  *person)
{
  if (self->person == person)
    return;

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, on_person_notify_cb, self);
  g_set_object (&self->person, person);
  if (self->person != NULL)
    g_signal_connect_object (self->person, "notify", G_CALLBACK (on_person_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
on_case_notify_cb (PdCaseRow  *self,
                   GParamSpec *pspec,
                   PdCase     *case_)
{
  set_person (self, pd_case_get_person (case_));
  if (self->person != NULL)
    update_name (self);
  update_details (self);
  update_deadline (self);
  update_accessible_label (self);
}

static void
pd_case_row_dispose (GObject *object)
{
  PdCaseRow *self = PD_CASE_ROW (object);
  GtkWidget *child;

  pd_case_row_set_case (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CASE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pd_case_row_parent_class)->dispose (object);
}

static void
pd_case_row_class_init (PdCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_case_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCaseRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseRow, deadline_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_case_row_init (PdCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdCaseRow *
pd_case_row_new (void)
{
  return g_object_new (PD_TYPE_CASE_ROW, NULL);
}

void
pd_case_row_set_case (PdCaseRow *self,
                      PdCase    *case_)
{
  g_return_if_fail (PD_IS_CASE_ROW (self));
  g_return_if_fail (!case_ || PD_IS_CASE (case_));

  if (self->case_ == case_)
    return;

  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_func (self->case_, on_case_notify_cb, self);
  set_person (self, NULL);
  g_set_object (&self->case_, case_);

  if (self->case_ != NULL)
    {
      g_signal_connect_object (self->case_, "notify", G_CALLBACK (on_case_notify_cb), self,
                               G_CONNECT_SWAPPED);
      on_case_notify_cb (self, NULL, self->case_);
    }
}
