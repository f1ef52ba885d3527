/* pd-case-editor.c: the dialog that adds or edits a case
 *
 * The form edits a copy; the case in the list changes only once the store has
 * written it, so a refused save leaves both the list and the database as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-model.h"
#include "pd-case-editor.h"
#include "pd-store.h"

struct _PdCaseEditor
{
  AdwWindow     parent_instance;

  PdStore      *store;
  PdCase       *original;

  AdwWindowTitle *window_title;
  GtkRevealer  *error_revealer;
  GtkLabel     *error_label;
  AdwComboRow  *kind_row;
  AdwComboRow  *status_row;
  AdwEntryRow  *city_row;
  AdwComboRow  *category_row;
  GtkSwitch    *legacy_switch;
  AdwEntryRow  *deadline_row;
  AdwEntryRow  *notes_row;
  AdwEntryRow  *name_zh_row;
  AdwEntryRow  *name_latin_row;
  AdwEntryRow  *nationality_row;
  AdwEntryRow  *passport_row;
  AdwEntryRow  *dob_row;
  AdwEntryRow  *permit_number_row;
  AdwEntryRow  *valid_from_row;
  AdwEntryRow  *valid_until_row;
};

G_DEFINE_FINAL_TYPE (PdCaseEditor, pd_case_editor, ADW_TYPE_WINDOW)

/* Dates are typed as YYYY-MM-DD, the form the portal and the printed Notice use. */
gboolean
pd_parse_iso_date (const char *text,
                   GDate      *date)
{
  int year, month, day;
  char extra;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3)
    return FALSE;
  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static const char *
kind_label (int value)
{
  return pd_case_kind_to_label (value);
}

static const char *
status_label (int value)
{
  return pd_case_status_to_label (value);
}

static const char *
category_label (int value)
{
  return pd_permit_category_to_label (value);
}

static GtkStringList *
labels_for_enum (GType         type,
                 const char *(*to_label) (int))
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (list, to_label (klass->values[i].value));

  return list;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
set_date (AdwEntryRow *row,
          const GDate *date)
{
  char buf[32] = "";

  if (date != NULL && g_date_valid (date))
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  set_text (row, buf);
}

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (get_text (row)));
}

/* An empty field is no date; anything else must be a real date. */
static gboolean
read_date (AdwEntryRow *row,
           GDate       *date,
           gboolean    *is_set,
           GError     **error)
{
  g_autofree char *text = dup_stripped (row);

  *is_set = *text != '\0';
  if (!*is_set)
    return TRUE;

  if (!pd_parse_iso_date (text, date))
    {
      /* Translators: %s is the name of a date field, such as "Date of birth" */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: enter a date as year-month-day, for example 2026-03-31."),
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      return FALSE;
    }

  return TRUE;
}

static void
show_error (PdCaseEditor *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
load_case (PdCaseEditor *self,
           PdCase       *case_)
{
  PdPerson *person = pd_case_get_person (case_);
  PdPermit *permit = pd_case_get_permit (case_);

  adw_combo_row_set_selected (self->kind_row, pd_case_get_kind (case_));
  adw_combo_row_set_selected (self->status_row, pd_case_get_status (case_));
  set_text (self->city_row, pd_case_get_city (case_));
  adw_combo_row_set_selected (self->category_row, pd_case_get_category (case_));
  gtk_switch_set_active (self->legacy_switch, pd_case_get_legacy_card (case_));
  set_date (self->deadline_row, pd_case_get_next_deadline (case_));
  set_text (self->notes_row, pd_case_get_notes (case_));

  if (person != NULL)
    {
      set_text (self->name_zh_row, pd_person_get_name_zh (person));
      set_text (self->name_latin_row, pd_person_get_name_latin (person));
      set_text (self->nationality_row, pd_person_get_nationality (person));
      set_text (self->passport_row, pd_person_get_passport_number (person));
      set_date (self->dob_row, pd_person_get_date_of_birth (person));
    }

  if (permit != NULL)
    {
      set_text (self->permit_number_row, pd_permit_get_number (permit));
      set_date (self->valid_from_row, pd_permit_get_valid_from (permit));
      set_date (self->valid_until_row, pd_permit_get_valid_until (permit));
    }
}

static gboolean
read_person (PdCaseEditor *self,
             PdPerson     *person,
             GError      **error)
{
  g_autofree char *name_zh = dup_stripped (self->name_zh_row);
  g_autofree char *name_latin = dup_stripped (self->name_latin_row);
  g_autofree char *nationality = g_ascii_strup (get_text (self->nationality_row), -1);
  g_autofree char *passport = g_ascii_strup (get_text (self->passport_row), -1);
  GDate dob;
  gboolean has_dob;

  if (!read_date (self->dob_row, &dob, &has_dob, error))
    return FALSE;

  pd_person_set_name_zh (person, name_zh);
  pd_person_set_name_latin (person, name_latin);
  pd_person_set_nationality (person, g_strstrip (nationality));
  pd_person_set_passport_number (person, g_strstrip (passport));
  pd_person_set_date_of_birth (person, has_dob ? &dob : NULL);

  return TRUE;
}

static gboolean
read_permit (PdCaseEditor *self,
             PdCase       *edited,
             GError      **error)
{
  g_autofree char *number = dup_stripped (self->permit_number_row);
  g_autoptr(PdPermit) permit = NULL;
  GDate from, until;
  gboolean has_from, has_until;

  if (!read_date (self->valid_from_row, &from, &has_from, error) ||
      !read_date (self->valid_until_row, &until, &has_until, error))
    return FALSE;

  if (*number == '\0' && !has_from && !has_until)
    {
      pd_case_set_permit (edited, NULL);
      return TRUE;
    }

  if (pd_case_get_permit (edited) != NULL)
    permit = g_object_ref (pd_case_get_permit (edited));
  else
    permit = pd_permit_new ();

  pd_permit_set_number (permit, number);
  pd_permit_set_category (permit, adw_combo_row_get_selected (self->category_row));
  pd_permit_set_valid_from (permit, has_from ? &from : NULL);
  pd_permit_set_valid_until (permit, has_until ? &until : NULL);
  pd_case_set_permit (edited, permit);

  return TRUE;
}

static gboolean
read_form (PdCaseEditor *self,
           PdCase       *edited,
           GError      **error)
{
  g_autofree char *city = dup_stripped (self->city_row);
  g_autofree char *notes = dup_stripped (self->notes_row);
  PdCaseStatus status = adw_combo_row_get_selected (self->status_row);
  GDate deadline;
  gboolean has_deadline;

  if (!read_date (self->deadline_row, &deadline, &has_deadline, error))
    return FALSE;

  if (pd_case_get_person (edited) == NULL)
    {
      g_autoptr(PdPerson) person = pd_person_new ();
      pd_case_set_person (edited, person);
    }
  if (!read_person (self, pd_case_get_person (edited), error) ||
      !read_permit (self, edited, error))
    return FALSE;

  pd_case_set_kind (edited, adw_combo_row_get_selected (self->kind_row));
  pd_case_set_city (edited, city);
  pd_case_set_category (edited, adw_combo_row_get_selected (self->category_row));
  pd_case_set_legacy_card (edited, gtk_switch_get_active (self->legacy_switch));
  pd_case_set_next_deadline (edited, has_deadline ? &deadline : NULL);
  pd_case_set_notes (edited, notes);

  /* A new case may start in any state; an existing one only moves along the workflow. */
  if (self->original == NULL)
    pd_case_set_status (edited, status);
  else if (status != pd_case_get_status (edited) && !pd_case_change_status (edited, status, error))
    return FALSE;

  return pd_case_validate (edited, error);
}

gboolean
pd_case_editor_save (PdCaseEditor *self,
                     GError      **error)
{
  g_autoptr(PdCase) edited = NULL;

  g_return_val_if_fail (PD_IS_CASE_EDITOR (self), FALSE);

  if (self->original != NULL)
    edited = pd_case_copy (self->original);
  else
    edited = pd_case_new (adw_combo_row_get_selected (self->kind_row));

  if (!read_form (self, edited, error))
    return FALSE;

  if (self->original == NULL)
    return pd_store_save_case (self->store, edited, error);
  else
    {
      g_autoptr(PdCase) backup = pd_case_copy (self->original);

      pd_case_apply (self->original, edited);
      if (!pd_store_save_case (self->store, self->original, error))
        {
          pd_case_apply (self->original, backup);
          return FALSE;
        }
    }

  return TRUE;
}

const char *
pd_case_editor_get_error_text (PdCaseEditor *self)
{
  g_return_val_if_fail (PD_IS_CASE_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

static void
on_save_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdCaseEditor *self = PD_CASE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!pd_case_editor_save (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_cancel_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
pd_case_editor_dispose (GObject *object)
{
  PdCaseEditor *self = PD_CASE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CASE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (pd_case_editor_parent_class)->dispose (object);
}

static void
pd_case_editor_class_init (PdCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_case_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, legacy_switch);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, name_zh_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, name_latin_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, passport_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, dob_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, permit_number_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, PdCaseEditor, valid_until_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, on_save_activated_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, on_cancel_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
pd_case_editor_init (PdCaseEditor *self)
{
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) statuses = NULL;
  g_autoptr(GtkStringList) categories = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = labels_for_enum (PD_TYPE_CASE_KIND, kind_label);
  statuses = labels_for_enum (PD_TYPE_CASE_STATUS, status_label);
  categories = labels_for_enum (PD_TYPE_PERMIT_CATEGORY, category_label);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
}

PdCaseEditor *
pd_case_editor_new (GtkWindow *parent,
                    PdStore   *store,
                    PdCase    *case_)
{
  PdCaseEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (!case_ || PD_IS_CASE (case_), NULL);

  self = g_object_new (PD_TYPE_CASE_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);

  if (case_ != NULL)
    {
      self->original = g_object_ref (case_);
      adw_window_title_set_title (self->window_title, _("Edit Case"));
      load_case (self, case_);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Case"));
      adw_combo_row_set_selected (self->status_row, PD_CASE_STATUS_DRAFT);
    }

  return self;
}
