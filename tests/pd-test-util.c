/* pd-test-util.c: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pd-test-util.h"

/* A fresh private folder under the system temp dir; the caller removes it. */
char *
pd_test_make_tmpdir (const char *template_name)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template_name ? template_name : "pd-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf_file (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) && child != NULL)
        rm_rf_file (child);
    }

  g_file_delete (file, NULL, NULL);
}

void
pd_test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  rm_rf_file (file);
}

/* A path below tests/ in the source tree. */
char *
pd_test_srcpath (const char *first_element,
                 ...)
{
  const char *srcdir = g_getenv ("PD_TEST_SRCDIR");
  GPtrArray *parts = g_ptr_array_new ();
  const char *element;
  va_list args;
  char *path;

  g_assert_nonnull (srcdir);
  g_ptr_array_add (parts, (gpointer) srcdir);
  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return path;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
pd_test_median (const double *values,
                guint         n)
{
  g_autofree double *sorted = NULL;

  g_assert (n > 0);
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double
pd_test_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

struct _PdTestNotifications
{
  GDBusConnection *bus;
  GPtrArray       *received;
  guint            object_id;
  guint            owner_id;
};

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "</interface></node>";

static void
on_notify_called_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *path,
                     const char            *interface,
                     const char            *method,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  GPtrArray *received = user_data;
  const char *summary, *body;

  g_variant_get_child (parameters, 3, "&s", &summary);
  g_variant_get_child (parameters, 4, "&s", &body);
  g_ptr_array_add (received, g_strdup_printf ("%s\n%s", summary, body));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", received->len));
}

PdTestNotifications *
pd_test_notifications_new (void)
{
  static const GDBusInterfaceVTable vtable = { on_notify_called_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  PdTestNotifications *self = g_new0 (PdTestNotifications, 1);
  gint64 until;

  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->received = g_ptr_array_new_with_free_func (g_free);
  self->object_id = g_dbus_connection_register_object (self->bus, "/org/freedesktop/Notifications",
                                                       info->interfaces[0], &vtable,
                                                       self->received, NULL, &error);
  g_assert_no_error (error);
  self->owner_id = g_bus_own_name_on_connection (self->bus, "org.freedesktop.Notifications",
                                                 G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);

  /* Let the name be owned before anything notifies. */
  until = g_get_monotonic_time () + 200 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  return self;
}

GPtrArray *
pd_test_notifications_get (PdTestNotifications *self)
{
  return self->received;
}

void
pd_test_notifications_free (PdTestNotifications *self)
{
  g_bus_unown_name (self->owner_id);
  g_dbus_connection_unregister_object (self->bus, self->object_id);
  g_ptr_array_unref (self->received);
  g_object_unref (self->bus);
  g_free (self);
}

/* Runs the main context for @ms milliseconds without waiting for events. */
void
pd_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}
