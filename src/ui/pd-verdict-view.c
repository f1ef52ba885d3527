/* pd-verdict-view.c: the verdict, big and readable from a step away
 *
 * Result as icon + word + colour (never colour alone), the one-line reason, the
 * holder's fields, the layers on demand, where and when it was checked, and the
 * print / export actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-verdict-view.h"
#include "pd-verify-print.h"

struct _PdVerdictView
{
  GtkWidget          parent_instance;

  GtkBox            *result_box;
  GtkImage          *result_icon;
  GtkLabel          *result_title;
  GtkLabel          *result_reason;
  GtkWidget         *holder_box;
  GtkListBox        *fields_list;
  GtkExpander       *layers_expander;
  GtkListBox        *layers_list;
  GtkLabel          *provenance_label;

  PdVerdict         *verdict;
  PdVerdictViewRole  role;
  char              *operator_name;
};

G_DEFINE_ENUM_TYPE (PdVerdictViewRole, pd_verdict_view_role,
                    G_DEFINE_ENUM_VALUE (PD_VERDICT_VIEW_ROLE_OFFICER, "officer"),
                    G_DEFINE_ENUM_VALUE (PD_VERDICT_VIEW_ROLE_HR, "hr"))

G_DEFINE_FINAL_TYPE (PdVerdictView, pd_verdict_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VERDICT,
  PROP_ROLE,
  PROP_OPERATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const result_classes[] = { "success", "warning", "error" };

/* What an HR clerk does not need to see to match an employee's permit. */
static gboolean
field_hidden_for (PdVerdictField    field,
                  PdVerdictViewRole role)
{
  return role == PD_VERDICT_VIEW_ROLE_HR &&
         (field == PD_VERDICT_FIELD_DATE_OF_BIRTH || field == PD_VERDICT_FIELD_NATIONALITY);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_fields (PdVerdictView *self)
{
  gboolean any = FALSE;

  clear_list (self->fields_list);
  for (guint i = 0; self->verdict != NULL && i < PD_VERDICT_N_FIELDS; i++)
    {
      const char *value = pd_verdict_get_field (self->verdict, i);
      GtkWidget *row;

      if (value == NULL || field_hidden_for (i, self->role))
        continue;
      /* The value is the title: it is what the officer reads from a distance. */
      row = new_row (value, pd_verdict_field_to_label (i));
      gtk_widget_add_css_class (row, "title-4");
      gtk_list_box_append (self->fields_list, row);
      any = TRUE;
    }
  gtk_widget_set_visible (self->holder_box, any);
}

static void
show_layers (PdVerdictView *self)
{
  static const char * const icons[] = { "dialog-question-symbolic", "object-select-symbolic",
                                        "dialog-error-symbolic" };
  static const char * const classes[] = { "warning", "success", "error" };

  clear_list (self->layers_list);
  for (guint i = 0; self->verdict != NULL && i < PD_VERDICT_N_LAYERS; i++)
    {
      PdLayerState state = pd_verdict_get_layer_state (self->verdict, i);
      const char *reason = pd_verdict_get_layer_reason (self->verdict, i);
      g_autofree char *title = g_strdup_printf ("%s: %s", pd_verdict_layer_to_label (i),
                                                pd_layer_state_to_label (state));
      GtkWidget *row = new_row (title, reason != NULL ? reason : _("Not checked"));
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[state]);

      gtk_widget_add_css_class (icon, classes[state]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->layers_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->layers_expander), self->verdict != NULL);
}

static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static void
show_provenance (PdVerdictView *self)
{
  PdCode *code;
  GDateTime *trust, *online;
  g_autofree char *verified = NULL;
  g_autofree char *how = NULL;
  g_autofree char *text = NULL;

  if (self->verdict == NULL)
    {
      gtk_label_set_text (self->provenance_label, "");
      return;
    }
  code = pd_verdict_get_code (self->verdict);
  trust = pd_verdict_get_trust_updated_at (self->verdict);
  online = pd_verdict_get_checked_online (self->verdict);
  verified = format_local (pd_verdict_get_verified_at (self->verdict));
  if (online != NULL)
    {
      g_autofree char *when = format_local (online);

      how = g_strdup_printf (_("Confirmed online at %s."), when);
    }
  else if (trust != NULL)
    {
      g_autofree char *when = format_local (trust);

      how = g_strdup_printf (_("Checked offline with trust data from %s."), when);
    }
  else
    how = g_strdup (_("Checked offline without dated trust data."));
  /* Translators: "Read from Camera at 2025-06-01 12:00:00. Checked offline ..." */
  text = g_strdup_printf (_("Read from %s at %s. %s"), pd_code_source_to_label (pd_code_get_source (code)),
                          verified, how);
  gtk_label_set_text (self->provenance_label, text);
}

static void
show_result (PdVerdictView *self)
{
  static const char * const icons[] = { "object-select-symbolic", "dialog-warning-symbolic",
                                        "dialog-error-symbolic" };

  for (guint i = 0; i < G_N_ELEMENTS (result_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_box), result_classes[i]);

  if (self->verdict == NULL)
    {
      gtk_image_set_from_icon_name (self->result_icon, "system-search-symbolic");
      gtk_label_set_text (self->result_title, _("No code verified yet"));
      gtk_widget_set_visible (GTK_WIDGET (self->result_reason), FALSE);
    }
  else
    {
      PdVerdictResult result = pd_verdict_get_result (self->verdict);

      gtk_image_set_from_icon_name (self->result_icon, icons[result]);
      gtk_label_set_text (self->result_title, pd_verdict_result_to_label (result));
      gtk_label_set_text (self->result_reason, pd_verdict_get_reason (self->verdict));
      gtk_widget_set_visible (GTK_WIDGET (self->result_reason), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->result_box), result_classes[result]);
    }
}

static void
refresh (PdVerdictView *self)
{
  show_result (self);
  show_fields (self);
  show_layers (self);
  show_provenance (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verdict.print", self->verdict != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verdict.export-pdf", self->verdict != NULL);
}

static void
on_verdict_changed_cb (PdVerdictView *self)
{
  refresh (self);
}

static void
show_error (PdVerdictView *self,
            const char    *heading,
            GError        *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PdVerdictView     *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  pd_verify_print_draw (gtk_print_context_get_cairo_context (context),
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context),
                        self->verdict, self->operator_name, now);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdVerdictView *self = PD_VERDICT_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Work permit information"));
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (error != NULL)
    show_error (self, _("Could Not Print"), error);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     PdVerdictView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->verdict != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL &&
      !pd_verify_export_pdf (self->verdict, self->operator_name, path, &error))
    show_error (self, _("Could Not Export the PDF"), error);
  g_object_unref (chooser);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Work Permit Information"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("work-permit-information.pdf"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pd_verdict_view_dispose (GObject *object)
{
  PdVerdictView *self = PD_VERDICT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_VERDICT_VIEW);
  g_clear_object (&self->verdict);

  G_OBJECT_CLASS (pd_verdict_view_parent_class)->dispose (object);
}

static void
pd_verdict_view_finalize (GObject *object)
{
  g_free (PD_VERDICT_VIEW (object)->operator_name);

  G_OBJECT_CLASS (pd_verdict_view_parent_class)->finalize (object);
}

static void
pd_verdict_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdVerdictView *self = PD_VERDICT_VIEW (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      g_value_set_object (value, self->verdict);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verdict_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdVerdictView *self = PD_VERDICT_VIEW (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      pd_verdict_view_set_verdict (self, g_value_get_object (value));
      break;
    case PROP_ROLE:
      pd_verdict_view_set_role (self, g_value_get_enum (value));
      break;
    case PROP_OPERATOR:
      pd_verdict_view_set_operator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verdict_view_class_init (PdVerdictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_verdict_view_dispose;
  object_class->finalize = pd_verdict_view_finalize;
  object_class->get_property = pd_verdict_view_get_property;
  object_class->set_property = pd_verdict_view_set_property;

  properties[PROP_VERDICT] =
    g_param_spec_object ("verdict", NULL, NULL, PD_TYPE_VERDICT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, PD_TYPE_VERDICT_VIEW_ROLE, PD_VERDICT_VIEW_ROLE_OFFICER,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Printed on the information page. */
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-verdict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, result_box);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, result_icon);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, result_title);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, result_reason);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, holder_box);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, fields_list);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, layers_expander);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, layers_list);
  gtk_widget_class_bind_template_child (widget_class, PdVerdictView, provenance_label);

  gtk_widget_class_install_action (widget_class, "verdict.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "verdict.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "verdict.print", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verdictview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_verdict_view_init (PdVerdictView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->operator_name = g_strdup (g_get_real_name ());
  refresh (self);
}

GtkWidget *
pd_verdict_view_new (void)
{
  return g_object_new (PD_TYPE_VERDICT_VIEW, NULL);
}

PdVerdict *
pd_verdict_view_get_verdict (PdVerdictView *self)
{
  g_return_val_if_fail (PD_IS_VERDICT_VIEW (self), NULL);
  return self->verdict;
}

/**
 * pd_verdict_view_set_verdict:
 * @self: a verdict view
 * @verdict: (nullable): the verdict to show; followed while it changes (the online
 *   layer arriving later)
 */
void
pd_verdict_view_set_verdict (PdVerdictView *self,
                             PdVerdict     *verdict)
{
  g_return_if_fail (PD_IS_VERDICT_VIEW (self));
  g_return_if_fail (verdict == NULL || PD_IS_VERDICT (verdict));

  if (self->verdict == verdict)
    return;
  if (self->verdict != NULL)
    g_signal_handlers_disconnect_by_func (self->verdict, on_verdict_changed_cb, self);
  g_set_object (&self->verdict, verdict);
  if (verdict != NULL)
    {
      g_signal_connect_object (verdict, "notify::result", G_CALLBACK (on_verdict_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (verdict, "notify::reason", G_CALLBACK (on_verdict_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

PdVerdictViewRole
pd_verdict_view_get_role (PdVerdictView *self)
{
  g_return_val_if_fail (PD_IS_VERDICT_VIEW (self), PD_VERDICT_VIEW_ROLE_OFFICER);
  return self->role;
}

void
pd_verdict_view_set_role (PdVerdictView     *self,
                          PdVerdictViewRole  role)
{
  g_return_if_fail (PD_IS_VERDICT_VIEW (self));

  if (self->role == role)
    return;
  self->role = role;
  show_fields (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
pd_verdict_view_get_operator (PdVerdictView *self)
{
  g_return_val_if_fail (PD_IS_VERDICT_VIEW (self), NULL);
  return self->operator_name;
}

void
pd_verdict_view_set_operator (PdVerdictView *self,
                              const char    *operator_name)
{
  g_return_if_fail (PD_IS_VERDICT_VIEW (self));

  if (operator_name == NULL)
    operator_name = g_get_real_name ();
  if (g_strcmp0 (self->operator_name, operator_name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}
