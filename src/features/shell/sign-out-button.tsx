import { Button } from '@/components/ui/button';

/** `action` is the server action that ends the session (the app layer owns auth). */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <Button type="submit" variant="ghost">
        Sign out
      </Button>
    </form>
  );
}
